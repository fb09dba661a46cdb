using RoutingCore.Model;
using RoutingCore.Validation;
using static RoutingCore.Tests.Validation.ServiceFixtures;

namespace RoutingCore.Tests.Validation;

public sealed class ServiceCarryOverTests
{
    private static readonly LoadBalancerStatus Assigned = new() { Ingress = [new LoadBalancerIngress { Ip = "192.0.2.10", IpMode = "VIP" }] };

    private static Service LoadBalancer(string policy = ServicePolicies.Cluster) =>
        Make(ServiceTypes.LoadBalancer, Port(80, "http"), Port(443, "https"))
            .WithSpec(s => s with { ExternalTrafficPolicy = policy, LoadBalancerClass = "routingcore.io/lb" });

    private static Service StoredLoadBalancer(string policy = ServicePolicies.Cluster) =>
        Stored(LoadBalancer(policy)) with { Status = new ServiceStatus { LoadBalancer = Assigned } };

    [Fact]
    public void SVC_V20_ResubmittingTheSameManifestKeepsEveryAllocation()
    {
        var manifest = LoadBalancer(ServicePolicies.Local);
        var stored = StoredLoadBalancer(ServicePolicies.Local);
        var spec = ServiceDefaults.Apply(manifest, stored).Spec;
        Assert.Equal("10.96.0.10", spec.ClusterIP);
        Assert.Equal(["10.96.0.10"], spec.ClusterIPs);
        Assert.Equal([30080, 30081], spec.Ports.Select(p => p.NodePort));
        Assert.Equal(30500, spec.HealthCheckNodePort);
        ErrorAssert.Empty(Update(manifest, stored));
    }

    [Fact]
    public void SVC_V20_NodePortsMatchedByPortAndProtocolNotPosition()
    {
        var stored = Stored(Make(ServiceTypes.NodePort, Port(80, "http"), Port(53, "dns", "UDP")));
        var reordered = Make(ServiceTypes.NodePort, Port(53, "renamed", "UDP"), Port(80, "http"), Port(53, "dns-tcp", "TCP"), Port(8080, "new"));
        var ports = ServiceDefaults.Apply(reordered, stored).Spec.Ports;
        Assert.Equal([30081, 30080, 0, 0], ports.Select(p => p.NodePort));
    }

    [Fact]
    public void SVC_V20_StoredNodePortNotCarriedWhenTheUpdateGaveItToAnotherPort()
    {
        var stored = Stored(Make(ServiceTypes.NodePort, Port(80, "http"), Port(443, "https")));
        var update = Make(ServiceTypes.NodePort, Port(80, "http"), Port(443, "https", nodePort: 30080));
        var spec = ServiceDefaults.Apply(update, stored).Spec;
        Assert.Equal([0, 30080], spec.Ports.Select(p => p.NodePort));
        ErrorAssert.Empty(ServiceValidation.ValidateUpdate(ServiceDefaults.Apply(update, stored), stored, ValidationOptions.Default));
    }

    [Fact]
    public void SVC_V20_ExplicitValuesWinOverStoredOnes()
    {
        var stored = Stored(Make(ServiceTypes.NodePort));
        var spec = ServiceDefaults.Apply(Make(ServiceTypes.NodePort, Port(80, nodePort: 31000)), stored).Spec;
        Assert.Equal(31000, spec.Ports[0].NodePort);
    }

    [Fact]
    public void SVC_C1_ToClusterIPDropsNodePortsHealthCheckAndLoadBalancerFields()
    {
        var stored = StoredLoadBalancer(ServicePolicies.Local);
        var echoed = stored.WithSpec(s => s with { Type = ServiceTypes.ClusterIP }); // a client that sends the whole object back
        var applied = ServiceDefaults.Apply(echoed, stored);
        Assert.Equal([0, 0], applied.Spec.Ports.Select(p => p.NodePort));
        Assert.Equal(0, applied.Spec.HealthCheckNodePort);
        Assert.Null(applied.Spec.AllocateLoadBalancerNodePorts);
        Assert.Null(applied.Spec.LoadBalancerClass);
        Assert.Null(applied.Spec.ExternalTrafficPolicy);
        Assert.Empty(applied.Status.LoadBalancer.Ingress);
        Assert.Equal("10.96.0.10", applied.Spec.ClusterIP);
        ErrorAssert.Empty(ServiceValidation.ValidateUpdate(applied, stored, ValidationOptions.Default));
    }

    [Fact]
    public void SVC_C1_ANewNodePortOnClusterIPIsRejectedNotDropped()
    {
        var stored = StoredLoadBalancer();
        var update = stored.WithSpec(s => s with { Type = ServiceTypes.ClusterIP, Ports = [s.Ports[0] with { NodePort = 31999 }, s.Ports[1]] });
        ErrorAssert.Equal(
        [
            "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
            "spec.ports[1].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
        ], Update(update, stored));
    }

    [Fact]
    public void SVC_C2_ToExternalNameDropsClusterIPsFamiliesAndPolicy()
    {
        var stored = Stored(Make());
        var echoed = stored.WithSpec(s => s with { Type = ServiceTypes.ExternalName, ExternalName = "db.example.com" });
        var spec = ServiceDefaults.Apply(echoed, stored).Spec;
        Assert.Equal("", spec.ClusterIP);
        Assert.Empty(spec.ClusterIPs);
        Assert.Empty(spec.IpFamilies);
        Assert.Null(spec.IpFamilyPolicy);
        ErrorAssert.Empty(Update(echoed, stored));
    }

    [Fact]
    public void SVC_C2_ChangedClusterIPOnExternalNameIsRejected()
    {
        var stored = Stored(Make());
        var update = Make(ServiceTypes.ExternalName).WithSpec(s => s with { ExternalName = "db.example.com", ClusterIP = "10.96.0.99" });
        ErrorAssert.Equal(["spec.clusterIPs: Forbidden: may not be set for ExternalName services"], Update(update, stored));
    }

    [Fact]
    public void SVC_C3_FromExternalNameNothingIsCarriedSoAllocationRuns()
    {
        var stored = Stored(Make(ServiceTypes.ExternalName).WithSpec(s => s with { ExternalName = "db.example.com" }));
        var spec = ServiceDefaults.Apply(Make(ServiceTypes.NodePort), stored).Spec;
        Assert.Equal("", spec.ClusterIP);
        Assert.Equal([0], spec.Ports.Select(p => p.NodePort));
        ErrorAssert.Empty(Update(Make(ServiceTypes.NodePort), stored));
    }

    [Fact]
    public void SVC_C4_NodePortToLoadBalancerKeepsNodePorts()
    {
        var stored = Stored(Make(ServiceTypes.NodePort, Port(80, "http"), Port(443, "https")));
        var spec = ServiceDefaults.Apply(Make(ServiceTypes.LoadBalancer, Port(80, "http"), Port(443, "https")), stored).Spec;
        Assert.Equal([30080, 30081], spec.Ports.Select(p => p.NodePort));
    }

    [Fact]
    public void SVC_C4_LoadBalancerToNodePortKeepsNodePortsAndClearsStatus()
    {
        var stored = StoredLoadBalancer();
        var applied = ServiceDefaults.Apply(stored.WithSpec(s => s with { Type = ServiceTypes.NodePort }), stored);
        Assert.Equal([30080, 30081], applied.Spec.Ports.Select(p => p.NodePort));
        Assert.Null(applied.Spec.LoadBalancerClass);
        Assert.Null(applied.Spec.AllocateLoadBalancerNodePorts);
        Assert.Equal(ServicePolicies.Cluster, applied.Spec.ExternalTrafficPolicy);
        Assert.Empty(applied.Status.LoadBalancer.Ingress);
        ErrorAssert.Empty(ServiceValidation.ValidateUpdate(applied, stored, ValidationOptions.Default));
    }

    [Fact]
    public void SVC_C5_LocalToClusterDropsHealthCheckNodePort()
    {
        var stored = StoredLoadBalancer(ServicePolicies.Local);
        var echoed = stored.WithSpec(s => s with { ExternalTrafficPolicy = ServicePolicies.Cluster });
        Assert.Equal(0, ServiceDefaults.Apply(echoed, stored).Spec.HealthCheckNodePort);
        ErrorAssert.Empty(Update(echoed, stored));
    }

    [Fact]
    public void SVC_C5_OmittedHealthCheckNodePortNotCarriedWhenNoLongerNeeded()
    {
        var stored = StoredLoadBalancer(ServicePolicies.Local);
        Assert.Equal(0, ServiceDefaults.Apply(LoadBalancer(ServicePolicies.Cluster), stored).Spec.HealthCheckNodePort);
    }
}
