namespace RoutingCore.Proxying;

/// <summary>Why a <see cref="ProxyDecision"/> has its outcome; for metrics, logs and tests.</summary>
public enum ProxyReason
{
    /// <summary>An endpoint was selected.</summary>
    None = 0,

    /// <summary>No Service has this address (or this Service does not exist).</summary>
    UnknownDestination = 1,

    /// <summary>The Service is headless or ExternalName (SVC-T2, SVC-T5).</summary>
    ServiceNotProxied = 2,

    /// <summary>The address is a Service address but no ServicePort has this port and protocol (PX-1).</summary>
    UnknownPort = 3,

    /// <summary>The ServicePort has no Ready and no serving-terminating endpoint anywhere (PX-4, PX-7).</summary>
    NoEndpoints = 4,

    /// <summary>Local traffic policy and no usable endpoint on the node (PX-5).</summary>
    NoLocalEndpoints = 5,

    /// <summary>The client address is outside every <c>loadBalancerSourceRanges</c> CIDR (PX-9).</summary>
    SourceRangeDenied = 6,
}
