using k8s.Models;
using RoutingCore.Model;

namespace RoutingCore.Kubernetes.Mapping;

/// <summary>core/v1 Node: only its addresses (<c>status.addresses</c>) matter to RoutingCore.</summary>
internal sealed class NodeMapping : KindMapping<V1Node, Node>
{
    public override ObjectKind Kind => ObjectKind.Node;

    protected override Node Map(V1Node api) => new()
    {
        Addresses = MapValues.Array(api.Status?.Addresses, a => new NodeAddress(MapValues.Text(a.Type), MapValues.Text(a.Address))),
    };

    protected override V1Node Map(Node model) => new()
    {
        Status = model.Addresses.IsDefaultOrEmpty
            ? null
            : new V1NodeStatus { Addresses = model.Addresses.Select(a => new V1NodeAddress { Type = a.Type, Address = a.Address }).ToList() },
    };
}
