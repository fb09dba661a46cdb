using RoutingCore.Balancing;

namespace RoutingCore.Proxying;

/// <summary>
/// The result of <see cref="ProxyTable.Resolve"/> (PX-7): the outcome, why, the frontend and Service port it concerns,
/// and the endpoint set the choice was made from, so that a caller retrying after a refused connection picks again
/// from the same set (<see cref="EndpointRetry"/>). A small value; building one never allocates.
/// </summary>
public readonly struct ProxyDecision
{
    internal ProxyDecision(ProxyOutcome outcome, ProxyReason reason, ProxyFrontend? frontend, ProxyServicePort? servicePort, EndpointSet? endpoints)
    {
        Outcome = outcome;
        Reason = reason;
        Frontend = frontend;
        ServicePort = servicePort;
        Endpoints = endpoints;
    }

    /// <summary>What to do.</summary>
    public ProxyOutcome Outcome { get; }

    /// <summary>Why.</summary>
    public ProxyReason Reason { get; }

    /// <summary>The frontend the traffic arrived at; null when none matched or for Service-level resolution.</summary>
    public ProxyFrontend? Frontend { get; }

    /// <summary>The Service port; null for <see cref="ProxyOutcome.NotProxied"/> and unknown ports.</summary>
    public ProxyServicePort? ServicePort { get; }

    /// <summary>The endpoint set selection used (Cluster or Local subset); null when no selection was attempted.</summary>
    public EndpointSet? Endpoints { get; }

    /// <summary><c>Selected</c>, or <c>Dropped (SourceRangeDenied)</c>.</summary>
    public override string ToString() => Reason == ProxyReason.None ? Outcome.ToString() : $"{Outcome} ({Reason})";
}
