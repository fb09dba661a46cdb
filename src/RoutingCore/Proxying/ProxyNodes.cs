using System.Collections.Frozen;
using System.Net;
using RoutingCore.Model;
using RoutingCore.State;
using RoutingCore.Validation;

namespace RoutingCore.Proxying;

/// <summary>
/// Where node ports listen and which node an address belongs to. Served nodes: the proxy's own node (its Node
/// object's IP addresses plus the configured ones) or, when the proxy models every node, each Node object with its
/// own addresses plus the configured ones under no node. Owners: every node address and every pod IP, mapped to its
/// node (pods without a node map to the empty name), for PX-5 (the client's node) and PX-6 (inside the cluster).
/// The subtle point is uniqueness: an address can serve only one node; the first claimant, in name order, keeps it.
/// </summary>
internal sealed class ProxyNodes
{
    private ProxyNodes(List<(string? Node, IPAddress Address)> served, FrozenDictionary<UInt128, string> owners)
    {
        Served = served;
        Owners = owners;
    }

    /// <summary>Node-port listen addresses with the node receiving there (null: no node).</summary>
    public List<(string? Node, IPAddress Address)> Served { get; }

    /// <summary>Address key → node name (empty when unknown) for every pod IP and node address.</summary>
    public FrozenDictionary<UInt128, string> Owners { get; }

    /// <summary>Works out the nodes of <paramref name="view"/>.</summary>
    public static ProxyNodes From(ClusterView view, ServiceProxyOptions options)
    {
        var owners = new Dictionary<UInt128, string>();
        var served = new List<(string?, IPAddress)>();
        var claimed = new HashSet<UInt128>();
        foreach (var node in view.List<Node>())
        {
            var mine = options.NodeName is null || node.Metadata.Name == options.NodeName;
            foreach (var address in node.Addresses)
            {
                if (address.Type is not ("InternalIP" or "ExternalIP") || !IPRules.TryParse(address.Address, out var ip))
                {
                    continue;
                }

                owners.TryAdd(AddressKey.Of(ip), node.Metadata.Name);
                if (mine && claimed.Add(AddressKey.Of(ip)))
                {
                    served.Add((node.Metadata.Name, ip));
                }
            }
        }

        foreach (var text in options.NodeAddresses)
        {
            if (!IPRules.TryParse(text.Trim(), out var ip))
            {
                continue; // refused when the options were given (ServiceProxyController)
            }

            owners.TryAdd(AddressKey.Of(ip), options.NodeName ?? "");
            if (claimed.Add(AddressKey.Of(ip)))
            {
                served.Add((options.NodeName, ip));
            }
        }

        foreach (var pod in view.List<Pod>())
        {
            if (pod.IsTerminal)
            {
                continue;
            }

            if (!pod.Status.PodIPs.IsDefaultOrEmpty)
            {
                foreach (var text in pod.Status.PodIPs)
                {
                    AddOwner(owners, text, pod.Spec.NodeName);
                }
            }
            else
            {
                AddOwner(owners, pod.Status.PodIP, pod.Spec.NodeName);
            }
        }

        return new ProxyNodes(served, owners.ToFrozenDictionary());
    }

    private static void AddOwner(Dictionary<UInt128, string> owners, string? address, string? node)
    {
        if (address is not null && IPRules.TryParse(address, out var ip))
        {
            owners.TryAdd(AddressKey.Of(ip), node ?? "");
        }
    }
}
