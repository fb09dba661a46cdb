namespace RoutingCore.Matching;

/// <summary>Which host group a request's host selected. At most one group is ever consulted per request.</summary>
public enum HostGroupKind
{
    /// <summary>No group: the host matched no exact or wildcard group and there is no any-host group.</summary>
    None,

    /// <summary>The group of a precise host equal to the normalised request host.</summary>
    Exact,

    /// <summary>The group of a one-label wildcard <c>*.suffix</c> covering the request host.</summary>
    Wildcard,

    /// <summary>The any-host group (rules declared without a host).</summary>
    AnyHost,
}
