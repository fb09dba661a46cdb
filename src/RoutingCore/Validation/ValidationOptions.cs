namespace RoutingCore.Validation;

/// <summary>Switches that change what validation accepts.</summary>
public sealed record ValidationOptions
{
    /// <summary>The defaults: upstream Kubernetes behaviour.</summary>
    public static ValidationOptions Default { get; } = new();

    /// <summary>
    /// Accept loopback addresses (127.0.0.0/8, ::1) in externalIPs and endpoint addresses. Off by default as upstream;
    /// a host that plans its pod, service and load-balancer ranges inside 127.0.0.0/8 turns it on (spec §3, [RC]).
    /// </summary>
    public bool AllowLoopbackAddresses { get; init; }

    /// <summary>Accept DNS-1123 labels (not only DNS-1035 labels) as Service names (NAME-6 relaxed mode).</summary>
    public bool RelaxedServiceNames { get; init; }
}
