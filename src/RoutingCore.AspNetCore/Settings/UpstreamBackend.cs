using RoutingCore.Balancing;
using RoutingCore.Routing;
using Yarp.ReverseProxy.Forwarder;

namespace RoutingCore.AspNetCore.Settings;

/// <summary>
/// A Service backend as the forwarder uses it: the backend the snapshot resolved, the endpoint set to select from (the
/// snapshot's, or one sharing its live state with the strategy the Ingress asked for), the scheme and the YARP request
/// configuration of its protocol and timeouts. Built once per proxy snapshot.
/// </summary>
internal sealed class UpstreamBackend(ServiceBackend backend, EndpointSet? endpoints, string scheme, ForwarderRequestConfig config, TimeSpan retryBudget)
{
    /// <summary>The backend as the routing snapshot resolved it.</summary>
    public ServiceBackend Backend { get; } = backend;

    /// <summary>The endpoints to select from, when <see cref="Backend"/> is Ready.</summary>
    public EndpointSet? Endpoints { get; } = endpoints;

    /// <summary><c>http</c> or <c>https</c>.</summary>
    public string Scheme { get; } = scheme;

    /// <summary>Version, version policy and activity timeout for YARP.</summary>
    public ForwarderRequestConfig Config { get; } = config;

    /// <summary>Retries start only while the request is younger than this (the upstream timeout).</summary>
    public TimeSpan RetryBudget { get; } = retryBudget;

    /// <summary>The metric and log tag: <c>namespace/service:port</c>.</summary>
    public string Tag { get; } = backend.ToString();
}
