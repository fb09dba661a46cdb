using System.Collections.Immutable;
using RoutingCore.Model;
using RoutingCore.Validation;
using static RoutingCore.Tests.Validation.ServiceFixtures;

namespace RoutingCore.Tests.Validation;

public sealed class ServiceTrafficValidationTests
{
    private const string OnlyLoadBalancer = "may only be used when `type` is 'LoadBalancer'";
    private const string Annotation = "metadata.annotations[service.beta.kubernetes.io/load-balancer-source-ranges]";
    private const string CidrMessage = "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)";

    private static Service Annotated(Service service, string ranges) => service with
    {
        Metadata = service.Metadata with { Annotations = ImmutableSortedDictionary<string, string>.Empty.Add("service.beta.kubernetes.io/load-balancer-source-ranges", ranges) },
    };

    [Fact]
    public void SVC_V13_SourceRangesOnlyOnLoadBalancerWithCapitalL()
    {
        ErrorAssert.Equal(
            ["spec.LoadBalancerSourceRanges: Forbidden: " + OnlyLoadBalancer],
            Create(Make(ServiceTypes.NodePort).WithSpec(s => s with { LoadBalancerSourceRanges = ["10.0.0.0/8"] })));
    }

    [Fact]
    public void SVC_V13_EachRangeTrimmedIsACidr()
    {
        var service = Make(ServiceTypes.LoadBalancer).WithSpec(s => s with { LoadBalancerSourceRanges = [" 10.0.0.0/8 ", "10.0.0.0/33", "bad", "fd00::/64"] });
        ErrorAssert.Equal(
        [
            "spec.LoadBalancerSourceRanges[1]: Invalid value: \"10.0.0.0/33\": " + CidrMessage,
            "spec.LoadBalancerSourceRanges[2]: Invalid value: \"bad\": " + CidrMessage,
        ], Create(service));
    }

    [Fact]
    public void SVC_V13_LegacyAnnotationCheckedAtItsPath()
    {
        ErrorAssert.Equal(
        [
            Annotation + ": Forbidden: " + OnlyLoadBalancer,
            Annotation + ": Invalid value: \"nope\": " + CidrMessage,
        ], Create(Annotated(Make(), " 10.0.0.0/8, nope ")));
        ErrorAssert.Empty(Create(Annotated(Make(ServiceTypes.LoadBalancer), "10.0.0.0/8,192.168.0.0/16")));
        ErrorAssert.Empty(Create(Annotated(Make(ServiceTypes.LoadBalancer), "  ")));
    }

    [Fact]
    public void SVC_V13_FieldWinsOverAnnotation()
    {
        var service = Annotated(Make(ServiceTypes.LoadBalancer), "nope").WithSpec(s => s with { LoadBalancerSourceRanges = ["10.0.0.0/8"] });
        ErrorAssert.Empty(Create(service));
    }

    [Fact]
    public void SVC_V14_AllocateLoadBalancerNodePortsOnlyOnLoadBalancer()
    {
        ErrorAssert.Equal(
            ["spec.allocateLoadBalancerNodePorts: Forbidden: " + OnlyLoadBalancer],
            Create(Make(ServiceTypes.NodePort).WithSpec(s => s with { AllocateLoadBalancerNodePorts = false })));
        ErrorAssert.Empty(Create(Make(ServiceTypes.LoadBalancer).WithSpec(s => s with { AllocateLoadBalancerNodePorts = false })));
    }

    [Fact]
    public void SVC_V14_AllocateLoadBalancerNodePortsRequiredWithoutDefaultingAtUpstreamsPath()
    {
        var undefaulted = ServiceDefaults.Apply(Make(ServiceTypes.LoadBalancer), null).WithSpec(s => s with { AllocateLoadBalancerNodePorts = null });
        ErrorAssert.Equal(["allocateLoadBalancerNodePorts: Required value"], ServiceValidation.ValidateCreate(undefaulted, ValidationOptions.Default));
    }

    [Fact]
    public void SVC_V15_LoadBalancerClassOnlyOnLoadBalancerAndQualified()
    {
        ErrorAssert.Equal(
            ["spec.loadBalancerClass: Forbidden: " + OnlyLoadBalancer],
            Create(Make().WithSpec(s => s with { LoadBalancerClass = "routingcore.io/lb" })));
        ErrorAssert.Equal(
            ["spec.loadBalancerClass: Invalid value: \"Bad_Prefix/lb\": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"],
            Create(Make(ServiceTypes.LoadBalancer).WithSpec(s => s with { LoadBalancerClass = "Bad_Prefix/lb" })));
    }

    [Theory]
    [InlineData(null, "routingcore.io/lb", "spec.loadBalancerClass: Invalid value: \"routingcore.io/lb\": may not change once set")]
    [InlineData("routingcore.io/lb", "other.io/lb", "spec.loadBalancerClass: Invalid value: \"other.io/lb\": may not change once set")]
    [InlineData("routingcore.io/lb", null, "spec.loadBalancerClass: Invalid value: null: may not change once set")]
    [InlineData("routingcore.io/lb", "routingcore.io/lb", null)]
    public void SVC_V15_LoadBalancerClassMayNotChange(string? stored, string? updated, string? expected)
    {
        var old = Stored(Make(ServiceTypes.LoadBalancer).WithSpec(s => s with { LoadBalancerClass = stored }));
        var errors = Update(Make(ServiceTypes.LoadBalancer).WithSpec(s => s with { LoadBalancerClass = updated }), old);
        ErrorAssert.Equal(expected is null ? [] : [expected], errors);
    }

    [Fact]
    public void SVC_V16_ExternalPolicyOnlyOnExternallyAccessibleServices()
    {
        ErrorAssert.Equal(
            ["spec.externalTrafficPolicy: Invalid value: \"Local\": may only be set for externally-accessible services"],
            Create(Make().WithSpec(s => s with { ExternalTrafficPolicy = ServicePolicies.Local })));
        ErrorAssert.Empty(Create(Make().WithSpec(s => s with { ExternalTrafficPolicy = ServicePolicies.Local, ExternalIPs = ["203.0.113.7"] })));
    }

    [Fact]
    public void SVC_V16_ExternalPolicyRequiredAndSupported()
    {
        ErrorAssert.Equal(
            ["spec.externalTrafficPolicy: Unsupported value: \"Global\": supported values: \"Cluster\", \"Local\""],
            Create(Make(ServiceTypes.NodePort).WithSpec(s => s with { ExternalTrafficPolicy = "Global" })));
        var undefaulted = ServiceDefaults.Apply(Make(ServiceTypes.NodePort), null).WithSpec(s => s with { ExternalTrafficPolicy = null });
        ErrorAssert.Equal(["spec.externalTrafficPolicy: Required value"], ServiceValidation.ValidateCreate(undefaulted, ValidationOptions.Default));
    }

    [Theory]
    [InlineData(ServiceTypes.NodePort, ServicePolicies.Local, 30500, "spec.healthCheckNodePort: Invalid value: 30500: may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'")]
    [InlineData(ServiceTypes.LoadBalancer, ServicePolicies.Cluster, 30500, "spec.healthCheckNodePort: Invalid value: 30500: may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'")]
    [InlineData(ServiceTypes.LoadBalancer, ServicePolicies.Local, 70000, "spec.healthCheckNodePort: Invalid value: 70000: must be between 1 and 65535, inclusive")]
    [InlineData(ServiceTypes.LoadBalancer, ServicePolicies.Local, 30500, null)]
    [InlineData(ServiceTypes.LoadBalancer, ServicePolicies.Local, 0, null)]
    public void SVC_V17_HealthCheckNodePortOnlyForLocalLoadBalancer(string type, string policy, int port, string? expected)
    {
        var service = Make(type).WithSpec(s => s with { ExternalTrafficPolicy = policy, HealthCheckNodePort = port });
        ErrorAssert.Equal(expected is null ? [] : [expected], Create(service));
    }

    [Fact]
    public void SVC_V17_HealthCheckNodePortImmutableWhileNeeded()
    {
        var local = Make(ServiceTypes.LoadBalancer).WithSpec(s => s with { ExternalTrafficPolicy = ServicePolicies.Local });
        var stored = Stored(local);
        ErrorAssert.Equal(
            ["spec.healthCheckNodePort: Forbidden: field is immutable"],
            Update(local.WithSpec(s => s with { HealthCheckNodePort = 30501 }), stored));
        ErrorAssert.Empty(Update(local.WithSpec(s => s with { HealthCheckNodePort = 30500 }), stored));
    }

    [Fact]
    public void SVC_V18_InternalPolicySupported()
    {
        ErrorAssert.Equal(
            ["spec.internalTrafficPolicy: Unsupported value: \"Node\": supported values: \"Cluster\", \"Local\""],
            Create(Make().WithSpec(s => s with { InternalTrafficPolicy = "Node" })));
        var undefaulted = ServiceDefaults.Apply(Make(ServiceTypes.LoadBalancer), null).WithSpec(s => s with { InternalTrafficPolicy = null });
        ErrorAssert.Equal(["spec.internalTrafficPolicy: Required value"], ServiceValidation.ValidateCreate(undefaulted, ValidationOptions.Default));
    }

    [Theory]
    [InlineData("PreferClose")]
    [InlineData("PreferSameZone")]
    [InlineData("PreferSameNode")]
    public void SVC_V19_TrafficDistributionHintsAccepted(string value) =>
        ErrorAssert.Empty(Create(Make().WithSpec(s => s with { TrafficDistribution = value })));

    [Fact]
    public void SVC_V19_TrafficDistributionSupported()
    {
        ErrorAssert.Equal(
            ["spec.trafficDistribution: Unsupported value: \"PreferRegion\": supported values: \"PreferClose\", \"PreferSameNode\", \"PreferSameZone\""],
            Create(Make().WithSpec(s => s with { TrafficDistribution = "PreferRegion" })));
    }
}
