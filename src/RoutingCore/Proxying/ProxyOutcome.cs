namespace RoutingCore.Proxying;

/// <summary>What the proxy does with a new connection or flow (PX-7).</summary>
public enum ProxyOutcome
{
    /// <summary>An endpoint was chosen; forward to it.</summary>
    Selected = 0,

    /// <summary>
    /// Refuse quickly: the Service has no usable endpoint at all, or the port is unknown on a Service address (kube-proxy
    /// answers with a TCP reset or ICMP unreachable).
    /// </summary>
    Rejected = 1,

    /// <summary>Discard silently: Local policy with no local endpoint (PX-5), or a client outside the source ranges (PX-9).</summary>
    Dropped = 2,

    /// <summary>Not a proxied destination: no Service claims it, or the Service is headless or ExternalName.</summary>
    NotProxied = 3,
}
