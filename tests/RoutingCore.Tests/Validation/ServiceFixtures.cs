using System.Collections.Immutable;
using RoutingCore.Model;
using RoutingCore.Validation;

namespace RoutingCore.Tests.Validation;

/// <summary>Services as a user writes them, and the write path (defaulting, validation, a stand-in allocation) around them.</summary>
internal static class ServiceFixtures
{
    public static ServicePort Port(int port, string name = "", string protocol = "", int nodePort = 0) =>
        new() { Name = name, Port = port, Protocol = protocol, NodePort = nodePort };

    public static Service Make(string type = "", params ServicePort[] ports) => new()
    {
        Metadata = new ObjectMeta { Name = "web", Namespace = "default" },
        Spec = new ServiceSpec
        {
            Type = type,
            Ports = ports.Length == 0 ? [Port(80)] : [.. ports],
            Selector = ImmutableSortedDictionary<string, string>.Empty.Add("app", "web"),
        },
    };

    public static Service WithSpec(this Service service, Func<ServiceSpec, ServiceSpec> edit) =>
        service with { Spec = edit(service.Spec) };

    /// <summary>Defaulting then create validation: what a create request reports.</summary>
    public static List<FieldError> Create(Service service, ValidationOptions? options = null) =>
        ServiceValidation.ValidateCreate(ServiceDefaults.Apply(service, null), options ?? ValidationOptions.Default);

    /// <summary>Defaulting then update validation against the stored object.</summary>
    public static List<FieldError> Update(Service service, Service stored, ValidationOptions? options = null) =>
        ServiceValidation.ValidateUpdate(ServiceDefaults.Apply(service, stored), stored, options ?? ValidationOptions.Default);

    /// <summary>
    /// What the store would hold after a successful create: defaulted, with a cluster IP, node ports from 30080 and a
    /// health-check node port filled in where the type needs them (a stand-in for allocation), then SVC-D7.
    /// </summary>
    public static Service Stored(Service service, string clusterIP = "10.96.0.10")
    {
        var applied = ServiceDefaults.Apply(service, null);
        Assert.Empty(ServiceValidation.ValidateCreate(applied, ValidationOptions.Default));
        var spec = applied.Spec;
        if (spec.Type != ServiceTypes.ExternalName && spec.ClusterIP.Length == 0)
        {
            spec = spec with { ClusterIP = clusterIP, ClusterIPs = [clusterIP] };
        }

        if (spec.Type is ServiceTypes.NodePort or ServiceTypes.LoadBalancer)
        {
            var next = 30080;
            spec = spec with { Ports = [.. spec.Ports.Select(p => p.NodePort == 0 ? p with { NodePort = next++ } : p)] };
        }

        if (spec.Type == ServiceTypes.LoadBalancer && spec.ExternalTrafficPolicy == ServicePolicies.Local && spec.HealthCheckNodePort == 0)
        {
            spec = spec with { HealthCheckNodePort = 30500 };
        }

        return ServiceDefaults.FillClusterIPFamilies(applied with { Spec = spec });
    }
}
