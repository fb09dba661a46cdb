using k8s.Models;
using RoutingCore.Model;

namespace RoutingCore.Kubernetes.Mapping;

/// <summary>core/v1 Endpoints (legacy): subsets of ready and not-ready addresses sharing a port list.</summary>
internal sealed class EndpointsMapping : KindMapping<V1Endpoints, Endpoints>
{
    public override ObjectKind Kind => ObjectKind.Endpoints;

    protected override Endpoints Map(V1Endpoints api) => new()
    {
        Subsets = MapValues.Array(api.Subsets, s => new EndpointSubset
        {
            Addresses = MapValues.Array(s.Addresses, ToModel),
            NotReadyAddresses = MapValues.Array(s.NotReadyAddresses, ToModel),
            Ports = MapValues.Array(s.Ports, p => new EndpointPort(MapValues.Text(p.Name), MapValues.Text(p.Protocol), p.Port, p.AppProtocol)),
        }),
    };

    protected override V1Endpoints Map(Endpoints model) => new()
    {
        Subsets = MapValues.ListOrNull(model.Subsets, s => new V1EndpointSubset
        {
            Addresses = MapValues.ListOrNull(s.Addresses, ToKubernetes),
            NotReadyAddresses = MapValues.ListOrNull(s.NotReadyAddresses, ToKubernetes),
            Ports = MapValues.ListOrNull(s.Ports, p => new Corev1EndpointPort
            {
                Name = MapValues.TextOrNull(p.Name),
                Protocol = MapValues.TextOrNull(p.Protocol),
                Port = p.Port ?? 0,
                AppProtocol = p.AppProtocol,
            }),
        }),
    };

    private static EndpointAddress ToModel(V1EndpointAddress a) =>
        new(MapValues.Text(a.Ip), a.Hostname, a.NodeName, MetadataMapping.ToModel(a.TargetRef));

    private static V1EndpointAddress ToKubernetes(EndpointAddress a) => new()
    {
        Ip = a.Ip,
        Hostname = a.Hostname,
        NodeName = a.NodeName,
        TargetRef = MetadataMapping.ToKubernetes(a.TargetRef),
    };
}
