namespace RoutingCore.Proxying;

/// <summary>Which Service address a frontend is (SVC-T1, T3, T4, T6), and so which traffic policy applies to it (PX-6).</summary>
public enum FrontendKind
{
    /// <summary><c>clusterIP:port</c>: internal traffic, <c>internalTrafficPolicy</c>.</summary>
    ClusterIP = 0,

    /// <summary><c>nodeAddress:nodePort</c>: external traffic, <c>externalTrafficPolicy</c>.</summary>
    NodePort = 1,

    /// <summary><c>status.loadBalancer.ingress[].ip:port</c>: external traffic, <c>externalTrafficPolicy</c>, source ranges (PX-9).</summary>
    LoadBalancer = 2,

    /// <summary><c>externalIP:port</c>: external traffic, <c>externalTrafficPolicy</c>.</summary>
    ExternalIP = 3,
}
