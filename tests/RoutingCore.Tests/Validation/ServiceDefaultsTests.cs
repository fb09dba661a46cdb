using RoutingCore.Model;
using RoutingCore.Validation;
using static RoutingCore.Tests.Validation.ServiceFixtures;

namespace RoutingCore.Tests.Validation;

public sealed class ServiceDefaultsTests
{
    [Fact]
    public void SVC_D1_EmptyTypeBecomesClusterIP()
    {
        Assert.Equal(ServiceTypes.ClusterIP, ServiceDefaults.Apply(Make(), null).Spec.Type);
        Assert.Equal(ServiceTypes.NodePort, ServiceDefaults.Apply(Make(ServiceTypes.NodePort), null).Spec.Type);
    }

    [Fact]
    public void SVC_D2_EmptyAffinityBecomesNoneAndNoneClearsTheConfig()
    {
        var service = Make().WithSpec(s => s with { SessionAffinityConfig = new SessionAffinityConfig(new ClientIPConfig(60)) });
        var spec = ServiceDefaults.Apply(service, null).Spec;
        Assert.Equal(ServicePolicies.None, spec.SessionAffinity);
        Assert.Null(spec.SessionAffinityConfig);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void SVC_D2_ClientIPWithoutTimeoutGetsTheDefaultTimeout(bool hasConfig, bool hasClientIP)
    {
        SessionAffinityConfig? config = hasConfig ? new SessionAffinityConfig(hasClientIP ? new ClientIPConfig(null) : null) : null;
        var service = Make().WithSpec(s => s with { SessionAffinity = ServicePolicies.ClientIP, SessionAffinityConfig = config });
        Assert.Equal(10800, ServiceDefaults.Apply(service, null).Spec.SessionAffinityConfig?.ClientIP?.TimeoutSeconds);
    }

    [Fact]
    public void SVC_D2_ClientIPTimeoutGivenIsKept()
    {
        var service = Make().WithSpec(s => s with { SessionAffinity = ServicePolicies.ClientIP, SessionAffinityConfig = new SessionAffinityConfig(new ClientIPConfig(60)) });
        Assert.Equal(60, ServiceDefaults.Apply(service, null).Spec.SessionAffinityConfig?.ClientIP?.TimeoutSeconds);
    }

    [Fact]
    public void SVC_D3_ProtocolDefaultsToTcpAndTargetPortToPort()
    {
        var service = Make("", Port(80, "http"), Port(53, "dns", "UDP") with { TargetPort = 5353 }, Port(8080, "named") with { TargetPort = "web" }, Port(9090, "blank") with { TargetPort = "" });
        var ports = ServiceDefaults.Apply(service, null).Spec.Ports;
        Assert.Equal(["TCP", "UDP", "TCP", "TCP"], ports.Select(p => p.Protocol));
        Assert.Equal([IntOrString.FromNumber(80), 5353, "web", 9090], ports.Select(p => p.TargetPort));
    }

    [Theory]
    [InlineData(ServiceTypes.NodePort, false, ServicePolicies.Cluster)]
    [InlineData(ServiceTypes.LoadBalancer, false, ServicePolicies.Cluster)]
    [InlineData(ServiceTypes.ClusterIP, true, ServicePolicies.Cluster)]
    [InlineData(ServiceTypes.ClusterIP, false, null)]
    [InlineData(ServiceTypes.ExternalName, false, null)]
    public void SVC_D4_ExternalPolicyDefaultsOnlyOnExternallyAccessibleServices(string type, bool externalIPs, string? expected)
    {
        var service = Make(type).WithSpec(s => s with { ExternalIPs = externalIPs ? ["203.0.113.7"] : [] });
        Assert.Equal(expected, ServiceDefaults.Apply(service, null).Spec.ExternalTrafficPolicy);
    }

    [Fact]
    public void SVC_D4_ExternalPolicyGivenIsKept()
    {
        var service = Make(ServiceTypes.NodePort).WithSpec(s => s with { ExternalTrafficPolicy = ServicePolicies.Local });
        Assert.Equal(ServicePolicies.Local, ServiceDefaults.Apply(service, null).Spec.ExternalTrafficPolicy);
    }

    [Theory]
    [InlineData("", ServicePolicies.Cluster)]
    [InlineData(ServiceTypes.NodePort, ServicePolicies.Cluster)]
    [InlineData(ServiceTypes.LoadBalancer, ServicePolicies.Cluster)]
    [InlineData(ServiceTypes.ExternalName, null)]
    public void SVC_D5_InternalPolicyDefaultsToCluster(string type, string? expected)
    {
        Assert.Equal(expected, ServiceDefaults.Apply(Make(type), null).Spec.InternalTrafficPolicy);
        var local = Make(type).WithSpec(s => s with { InternalTrafficPolicy = ServicePolicies.Local });
        Assert.Equal(ServicePolicies.Local, ServiceDefaults.Apply(local, null).Spec.InternalTrafficPolicy);
    }

    [Fact]
    public void SVC_D6_LoadBalancerAllocatesNodePortsUnlessToldNot()
    {
        Assert.True(ServiceDefaults.Apply(Make(ServiceTypes.LoadBalancer), null).Spec.AllocateLoadBalancerNodePorts);
        var off = Make(ServiceTypes.LoadBalancer).WithSpec(s => s with { AllocateLoadBalancerNodePorts = false });
        Assert.False(ServiceDefaults.Apply(off, null).Spec.AllocateLoadBalancerNodePorts);
        Assert.Null(ServiceDefaults.Apply(Make(ServiceTypes.NodePort), null).Spec.AllocateLoadBalancerNodePorts);
    }

    [Theory]
    [InlineData("10.96.0.50", "IPv4")]
    [InlineData("fd00::50", "IPv6")]
    public void SVC_D7_ClusterIPsAndFamilyFollowTheAllocatedAddress(string ip, string family)
    {
        var allocated = ServiceDefaults.Apply(Make(), null).WithSpec(s => s with { ClusterIP = ip });
        var spec = ServiceDefaults.FillClusterIPFamilies(allocated).Spec;
        Assert.Equal([ip], spec.ClusterIPs);
        Assert.Equal([family], spec.IpFamilies);
        Assert.Equal("SingleStack", spec.IpFamilyPolicy);
    }

    [Fact]
    public void SVC_D7_PolicyGivenIsKept()
    {
        var allocated = ServiceDefaults.Apply(Make(), null).WithSpec(s => s with { ClusterIP = "10.96.0.50", IpFamilyPolicy = "PreferDualStack" });
        Assert.Equal("PreferDualStack", ServiceDefaults.FillClusterIPFamilies(allocated).Spec.IpFamilyPolicy);
    }

    [Fact]
    public void SVC_D7_HeadlessAndExternalNameAreLeftAlone()
    {
        var headless = ServiceDefaults.Apply(Make().WithSpec(s => s with { ClusterIP = "None" }), null);
        Assert.Same(headless, ServiceDefaults.FillClusterIPFamilies(headless));
        var externalName = ServiceDefaults.Apply(Make(ServiceTypes.ExternalName).WithSpec(s => s with { ExternalName = "example.com" }), null);
        Assert.Same(externalName, ServiceDefaults.FillClusterIPFamilies(externalName));
        var unallocated = ServiceDefaults.Apply(Make(), null);
        Assert.Same(unallocated, ServiceDefaults.FillClusterIPFamilies(unallocated));
    }

    [Theory]
    [InlineData("10.96.0.50")]
    [InlineData("None")]
    public void SVC_D7_ARequestedClusterIPIsCopiedToClusterIPsBeforeValidation(string clusterIP)
    {
        var spec = ServiceDefaults.Apply(Make().WithSpec(s => s with { ClusterIP = clusterIP }), null).Spec;
        Assert.Equal([clusterIP], spec.ClusterIPs);
        Assert.Empty(spec.IpFamilies);
    }

    [Fact]
    public void SVC_D8_LoadBalancerIngressWithAnIPGetsIpModeVIP()
    {
        var service = Make(ServiceTypes.LoadBalancer) with
        {
            Status = new ServiceStatus
            {
                LoadBalancer = new LoadBalancerStatus
                {
                    Ingress = [new LoadBalancerIngress { Ip = "192.0.2.10" }, new LoadBalancerIngress { Hostname = "lb.example.com" }, new LoadBalancerIngress { Ip = "192.0.2.11", IpMode = "Proxy" }],
                },
            },
        };
        var ingress = ServiceDefaults.Apply(service, null).Status.LoadBalancer.Ingress;
        Assert.Equal(["VIP", null, "Proxy"], ingress.Select(i => i.IpMode));
    }
}
