using RoutingCore.Matching;

namespace RoutingCore.Routing;

/// <summary>The routing decision for one request: the target and how it was reached. Allocation-free.</summary>
public readonly struct RouteResult
{
    internal RouteResult(RouteTarget target, MatchOutcome outcome, HostGroupKind group)
    {
        Target = target;
        Outcome = outcome;
        Group = group;
    }

    /// <summary>Where the request goes: a Service or resource backend, or the controller default backend.</summary>
    public RouteTarget Target { get; }

    /// <summary>A path rule, a group fallback (ING-D2) or the global fallback (ING-D1).</summary>
    public MatchOutcome Outcome { get; }

    /// <summary>The host group the request's host selected (ING-H6).</summary>
    public HostGroupKind Group { get; }
}
