using RoutingCore.Model;
using RoutingCore.Routing;
using RoutingCore.State;
using RoutingCore.Validation;

namespace RoutingCore.ProxyHost.Cli;

/// <summary>
/// Where the sample host puts things: every range inside 127.0.0.0/8, so that no packet ever leaves the machine.
/// </summary>
internal sealed record AddressPlan
{
    public string PodCidr { get; init; } = "127.1.0.0/16";

    public string ServiceCidr { get; init; } = "127.2.0.0/16";

    public string LoadBalancerPool { get; init; } = "127.3.0.0/24";

    public string NodeName { get; init; } = "node-1";

    public string NodeAddress { get; init; } = "127.0.0.1";

    public bool WatchIngressWithoutClass { get; init; } = true;

    public string? IngressClass { get; init; }

    public ClusterStateOptions StoreOptions(TimeProvider time) => new()
    {
        TimeProvider = time,
        PodCidr = PodCidr,
        ServiceCidr = ServiceCidr,
        LoadBalancerPools = [LoadBalancerPool],
        Validation = new ValidationOptions { AllowLoopbackAddresses = true },
        LegacyEndpoints = true, // the walkthrough's `get endpoints`, as in a cluster
    };

    public IngressControllerOptions IngressOptions(int httpPort, int httpsPort) => new()
    {
        WatchIngressWithoutClass = WatchIngressWithoutClass,
        LegacyClassName = IngressClass ?? "routingcore",
        ControllerName = IngressControllerOptions.DefaultControllerName,
        PublishedAddresses = [new LoadBalancerIngress { Ip = NodeAddress, Ports = [new PortStatus(httpPort, "TCP"), new PortStatus(httpsPort, "TCP")] }],
    };

    /// <summary>This machine as the cluster's one node.</summary>
    public Node Node() => new()
    {
        Metadata = new ObjectMeta { Name = NodeName, Labels = Labels.Of(("kubernetes.io/hostname", NodeName)) },
        Addresses = [new NodeAddress("InternalIP", NodeAddress), new NodeAddress("Hostname", NodeName)],
    };
}
