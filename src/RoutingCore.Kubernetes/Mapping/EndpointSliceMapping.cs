using k8s.Models;
using RoutingCore.Model;

namespace RoutingCore.Kubernetes.Mapping;

/// <summary>
/// discovery.k8s.io/v1 EndpointSlice. A port's name is kept as given, empty included: the EndpointSlice controller
/// writes <c>name: ""</c> for a Service's unnamed port, and that is how the API shows it.
/// </summary>
internal sealed class EndpointSliceMapping : KindMapping<V1EndpointSlice, EndpointSlice>
{
    public override ObjectKind Kind => ObjectKind.EndpointSlice;

    protected override EndpointSlice Map(V1EndpointSlice api) => new()
    {
        AddressType = MapValues.Text(api.AddressType),
        Endpoints = MapValues.Array(api.Endpoints, e => new Endpoint
        {
            Addresses = MapValues.Strings(e.Addresses),
            Conditions = e.Conditions is { } c ? new EndpointConditions(c.Ready, c.Serving, c.Terminating) : new EndpointConditions(),
            Hostname = e.Hostname,
            NodeName = e.NodeName,
            Zone = e.Zone,
            TargetRef = MetadataMapping.ToModel(e.TargetRef),
        }),
        Ports = MapValues.Array(api.Ports, p => new EndpointPort(MapValues.Text(p.Name), MapValues.Text(p.Protocol), p.Port, p.AppProtocol)),
    };

    protected override V1EndpointSlice Map(EndpointSlice model) => new()
    {
        AddressType = MapValues.TextOrNull(model.AddressType),
        Endpoints = model.Endpoints.IsDefault ? [] : model.Endpoints.Select(e => new V1Endpoint
        {
            Addresses = e.Addresses.IsDefault ? [] : [.. e.Addresses],
            Conditions = new V1EndpointConditions { Ready = e.Conditions.Ready, Serving = e.Conditions.Serving, Terminating = e.Conditions.Terminating },
            Hostname = e.Hostname,
            NodeName = e.NodeName,
            Zone = e.Zone,
            TargetRef = MetadataMapping.ToKubernetes(e.TargetRef),
        }).ToList(),
        Ports = MapValues.ListOrNull(model.Ports, p => new Discoveryv1EndpointPort
        {
            Name = p.Name,
            Protocol = MapValues.TextOrNull(p.Protocol),
            Port = p.Port,
            AppProtocol = p.AppProtocol,
        }),
    };
}
