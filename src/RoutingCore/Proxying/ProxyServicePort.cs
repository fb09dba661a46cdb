using System.Collections.Frozen;
using System.Globalization;
using RoutingCore.Balancing;
using RoutingCore.Model;

namespace RoutingCore.Proxying;

/// <summary>
/// One proxied (Service, ServicePort) in a <see cref="ProxyTable"/>: its endpoints (PX-2) with the selection strategy
/// (PX-8, AFF-1..3), the per-node subsets Local policy uses (PX-5), and the policies its frontends apply (PX-6).
/// Every frontend of the port (ClusterIP, node ports, LoadBalancer and external IPs) shares this object, so they share
/// live endpoint state and the ClientIP affinity table, as kube-proxy's per-ServicePort chains do (AFF-3).
/// </summary>
public sealed class ProxyServicePort
{
    private readonly FrozenDictionary<string, EndpointSet> _byNode;
    private readonly EndpointSet _noLocal;
    private readonly FrozenSet<EndpointKey> _listed;
    private readonly FrozenSet<EndpointKey> _usable;

    internal ProxyServicePort(Service service, ServicePort port, ProxyProtocol protocol, EndpointSet endpoints, string? nodeName = null, string? zone = null)
    {
        Service = service;
        Port = port;
        Protocol = protocol;
        Endpoints = endpoints;
        ServiceLabel = service.Metadata.Namespace + "/" + service.Metadata.Name;
        PortLabel = port.Name.Length > 0 ? port.Name : port.Port.ToString(CultureInfo.InvariantCulture);
        InternalPolicy = service.Spec.InternalTrafficPolicy == ServicePolicies.Local ? ServicePolicies.Local : ServicePolicies.Cluster;
        ExternalPolicy = service.Spec.ExternalTrafficPolicy == ServicePolicies.Local ? ServicePolicies.Local : ServicePolicies.Cluster;

        var listed = new HashSet<EndpointKey>();
        var nodes = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in endpoints.Endpoints)
        {
            listed.Add(endpoint.Key);
            if (endpoint.NodeName is { Length: > 0 } node)
            {
                nodes.Add(node);
            }
        }

        _listed = listed.ToFrozenSet();
        var usable = new HashSet<EndpointKey>();
        foreach (var endpoint in endpoints.Endpoints)
        {
            if (endpoint.Category != EndpointCategory.Unusable)
            {
                usable.Add(endpoint.Key);
            }
        }

        _usable = usable.ToFrozenSet();
        _noLocal = endpoints.ForNode(null);
        var byNode = new Dictionary<string, EndpointSet>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            var set = endpoints.ForNode(node);
            byNode[node] = set;
            AnnouncingNode ??= set.Candidates.IsEmpty ? null : node;
        }

        _byNode = byNode.ToFrozenDictionary(StringComparer.Ordinal);
        ClusterEndpoints = Preferred(service.Spec.TrafficDistribution, nodeName, zone);
    }

    /// <summary>The Service.</summary>
    public Service Service { get; }

    /// <summary>The ServicePort.</summary>
    public ServicePort Port { get; }

    /// <summary>The transport.</summary>
    public ProxyProtocol Protocol { get; }

    /// <summary>Every endpoint of the port, and the Cluster-policy selection over them (PX-4).</summary>
    public EndpointSet Endpoints { get; }

    /// <summary>
    /// What Cluster-policy traffic chooses from: <see cref="Endpoints"/>, narrowed by <c>trafficDistribution</c> (PX-10)
    /// to this node's or this zone's endpoints while those have ready ones.
    /// </summary>
    public EndpointSet ClusterEndpoints { get; }

    /// <summary><c>namespace/name</c> of the Service; one string per table, for metric tags and logs.</summary>
    public string ServiceLabel { get; }

    /// <summary>The ServicePort's name, or its number when unnamed.</summary>
    public string PortLabel { get; }

    /// <summary><c>Cluster</c> or <c>Local</c>: the policy of ClusterIP traffic.</summary>
    public string InternalPolicy { get; }

    /// <summary><c>Cluster</c> or <c>Local</c>: the policy of node-port, LoadBalancer and external-IP traffic.</summary>
    public string ExternalPolicy { get; }

    /// <summary>
    /// [RC] When the proxy models every node (no <see cref="ServiceProxyOptions.NodeName"/>), the node that receives
    /// LoadBalancer and external-IP traffic under Local policy: the first node, in name order, with a usable local
    /// endpoint, as a MetalLB-style announcer picks a node that has one. Null when no node has one.
    /// </summary>
    public string? AnnouncingNode { get; }

    /// <summary>
    /// The Local-policy subset for <paramref name="nodeName"/> (PX-5): Ready endpoints on the node, else its
    /// serving-terminating ones, else none. A null or unknown node has none [RC]. Precomputed; never allocates.
    /// </summary>
    public EndpointSet ForNode(string? nodeName) =>
        nodeName is not null && _byNode.TryGetValue(nodeName, out var set) ? set : _noLocal;

    /// <summary>Whether the port's endpoints list <paramref name="key"/>, in any condition (drain decisions).</summary>
    public bool Lists(EndpointKey key) => _listed.Contains(key);

    /// <summary>
    /// Whether <paramref name="key"/> is listed and usable, Ready or serving-terminating (PX-3). UDP flows pinned to an
    /// endpoint that is gone or no longer usable are re-pinned, as kube-proxy clears their conntrack entries.
    /// </summary>
    public bool IsUsable(EndpointKey key) => _usable.Contains(key);

    /// <summary><c>shop/web:http/TCP</c>.</summary>
    public override string ToString() => $"{ServiceLabel}:{PortLabel}/{(Protocol == ProxyProtocol.Tcp ? "TCP" : "UDP")}";

    /// <summary>
    /// PX-10: <c>PreferSameNode</c> keeps this node's endpoints, else this zone's; <c>PreferSameZone</c> and its older
    /// name <c>PreferClose</c> keep this zone's. Each preference holds only while the narrower set has Ready endpoints,
    /// so a zone whose endpoints are all terminating does not keep traffic from ready ones elsewhere; otherwise PX-4.
    /// </summary>
    private EndpointSet Preferred(string? distribution, string? nodeName, string? zone)
    {
        if (distribution == TrafficDistributions.PreferSameNode && ForNode(nodeName) is { CandidateCategory: EndpointCategory.Ready } sameNode)
        {
            return sameNode;
        }

        if (distribution is TrafficDistributions.PreferSameNode or TrafficDistributions.PreferSameZone or TrafficDistributions.PreferClose
            && zone is not null && Endpoints.ForZone(zone) is { CandidateCategory: EndpointCategory.Ready } sameZone)
        {
            return sameZone;
        }

        return Endpoints;
    }
}
