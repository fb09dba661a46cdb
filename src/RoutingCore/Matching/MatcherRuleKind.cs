namespace RoutingCore.Matching;

/// <summary>What a <see cref="MatcherRule"/> declares.</summary>
public enum MatcherRuleKind
{
    /// <summary>A host + path rule (<see cref="HostPathMatcherBuilder{TValue}.AddPath"/>).</summary>
    Path,

    /// <summary>A host group's fallback (<see cref="HostPathMatcherBuilder{TValue}.AddGroupFallback"/>).</summary>
    GroupFallback,

    /// <summary>The global fallback (<see cref="HostPathMatcherBuilder{TValue}.AddGlobalFallback"/>).</summary>
    GlobalFallback,
}
