namespace RoutingCore.Proxying;

/// <summary>How a proxied ServicePort places new connections (PX-8); ClientIP affinity, when a Service asks for it, wraps it.</summary>
public enum ProxySelectionMode
{
    /// <summary>Uniformly random, as kube-proxy's iptables and nftables modes (the default).</summary>
    Random = 0,

    /// <summary>In the endpoints' stable order, as IPVS <c>rr</c>.</summary>
    RoundRobin = 1,
}
