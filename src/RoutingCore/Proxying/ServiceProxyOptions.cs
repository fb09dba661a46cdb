using RoutingCore.Balancing;

namespace RoutingCore.Proxying;

/// <summary>
/// Configuration of the Service proxy table (<see cref="ServiceProxyController"/>): which node the proxy runs as, how
/// endpoints are chosen, and which clients count as inside the cluster.
/// </summary>
/// <remarks>
/// Two ways to run. <b>One node</b> (set <see cref="NodeName"/>), as kube-proxy on a real node: node ports open on that
/// node's addresses only (its Node object's InternalIP/ExternalIP addresses plus <see cref="NodeAddresses"/>), and Local
/// policy means that node's endpoints. <b>Every node</b> (leave <see cref="NodeName"/> null), for a whole cluster in one
/// process: node ports open on every Node object's addresses, each address receiving for its own node, and
/// <see cref="NodeAddresses"/> are extra addresses of no node (Local policy finds no endpoints there, PX-5).
/// </remarks>
public sealed record ServiceProxyOptions
{
    /// <summary>The node this proxy runs as; null to model every node of the store.</summary>
    public string? NodeName { get; init; }

    /// <summary>Extra node addresses node ports listen on (IP addresses; other entries are reported and ignored).</summary>
    public IReadOnlyList<string> NodeAddresses { get; init; } = [];

    /// <summary>How new connections are placed (PX-8); <see cref="ProxySelectionMode.Random"/> by default, as kube-proxy.</summary>
    public ProxySelectionMode Selection { get; init; } = ProxySelectionMode.Random;

    /// <summary>Seed for the selection strategies, for reproducible picks in tests; null for per-thread randomness.</summary>
    public int? RandomSeed { get; init; }

    /// <summary>Passive health of endpoints (ejection after repeated connect failures); <see cref="OutlierDetectionOptions.Default"/>.</summary>
    public OutlierDetectionOptions OutlierDetection { get; init; } = OutlierDetectionOptions.Default;

    /// <summary>
    /// CIDRs of clients inside the cluster, for PX-6 (traffic from inside to a LoadBalancer or external IP uses Cluster
    /// policy). Null (the default) means the store's pod CIDR. Known pod IPs and node addresses always count as inside.
    /// </summary>
    public IReadOnlyList<string>? ClusterCidrs { get; init; }
}
