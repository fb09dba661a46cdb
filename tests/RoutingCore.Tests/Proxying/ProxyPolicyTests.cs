using System.Net;
using RoutingCore.Model;
using RoutingCore.Proxying;
using static RoutingCore.Tests.Proxying.ProxyFixtures;

namespace RoutingCore.Tests.Proxying;

/// <summary>PX-3 to PX-7: which endpoints traffic may reach under each policy, and what happens when none may.</summary>
public sealed class ProxyPolicyTests
{
    private static readonly IPAddress Node1 = IPAddress.Parse("127.4.0.1");
    private static readonly IPAddress Node2 = IPAddress.Parse("127.4.0.2");

    [Fact]
    public void PX_3_AnEndpointNeitherReadyNorServingTerminatingIsNeverUsed()
    {
        var (state, proxy, _) = NewCluster();
        state.Put(Service("web"), Pod("web", "127.1.0.1", ready: false));

        var (decision, _) = proxy.Current.Place(state.ClusterIP("web"), 80, Outside);

        Assert.Equal((ProxyOutcome.Rejected, ProxyReason.NoEndpoints), (decision.Outcome, decision.Reason));
    }

    [Fact]
    public void PX_4_ClusterPolicyUsesReadyEndpointsOnEveryNode()
    {
        var (state, proxy, _) = NewCluster();
        state.Put(Service("web"), Pod("web", "127.1.0.1", "node-1"), Pod("web", "127.1.0.2", "node-2"), Pod("web", "127.1.0.3", "node-2", ready: false));

        Assert.Equal(["127.1.0.1", "127.1.0.2"], proxy.Current.Reached(state.ClusterIP("web"), 80, Outside));
    }

    [Fact]
    public void PX_4_WithoutReadyEndpointsClusterPolicyFallsBackToServingTerminatingOnes()
    {
        var (state, proxy, _) = NewCluster();
        state.Put(Service("web"), Pod("web", "127.1.0.1"), Pod("web", "127.1.0.2"));
        state.Delete<Pod>("default", "web-127-1-0-1", new RoutingCore.State.DeleteOptions { GracePeriodSeconds = 30 });
        state.Delete<Pod>("default", "web-127-1-0-2", new RoutingCore.State.DeleteOptions { GracePeriodSeconds = 30 });
        state.Sync();

        Assert.Equal(["127.1.0.1", "127.1.0.2"], proxy.Current.Reached(state.ClusterIP("web"), 80, Outside));
        Assert.Equal(RoutingCore.Balancing.EndpointCategory.ServingTerminating, proxy.Current.ServicePorts[0].Endpoints.CandidateCategory);
    }

    [Fact]
    public void PX_5_LocalPolicyOnANodePortUsesOnlyThatNodesEndpoints()
    {
        var (state, proxy, _) = NewCluster();
        state.Put(Local(Service("web", ServiceTypes.NodePort)), Pod("web", "127.1.0.1", "node-1"), Pod("web", "127.1.0.2", "node-2"));
        var nodePort = state.NodePort("web");

        Assert.Equal(["127.1.0.1"], proxy.Current.Reached(Node1, nodePort, Outside));
        Assert.Equal(["127.1.0.2"], proxy.Current.Reached(Node2, nodePort, Outside));
    }

    [Fact]
    public void PX_5_LocalPolicyWithoutLocalEndpointsDropsEvenWhenOtherNodesHaveSome()
    {
        var (state, proxy, _) = NewCluster();
        state.Put(Local(Service("web", ServiceTypes.NodePort)), Pod("web", "127.1.0.1", "node-1"));

        var (decision, _) = proxy.Current.Place(Node2, state.NodePort("web"), Outside);

        Assert.Equal((ProxyOutcome.Dropped, ProxyReason.NoLocalEndpoints), (decision.Outcome, decision.Reason));
    }

    [Fact]
    public void PX_5_LocalPolicyFallsBackToTheNodesServingTerminatingEndpoints()
    {
        var (state, proxy, _) = NewCluster();
        state.Put(Local(Service("web", ServiceTypes.NodePort)), Pod("web", "127.1.0.1", "node-1"), Pod("web", "127.1.0.2", "node-2"));
        state.Delete<Pod>("default", "web-127-1-0-2", new RoutingCore.State.DeleteOptions { GracePeriodSeconds = 30 });
        state.Sync();

        Assert.Equal(["127.1.0.2"], proxy.Current.Reached(Node2, state.NodePort("web"), Outside));
    }

    [Fact]
    public void PX_5_LocalPolicyOnAnAddressOfNoNodeFindsNoEndpoints()
    {
        var (state, proxy, _) = NewCluster(new ServiceProxyOptions { NodeAddresses = ["127.4.9.9"] });
        state.Put(Local(Service("web", ServiceTypes.NodePort)), Pod("web", "127.1.0.1", "node-1"));

        var (decision, _) = proxy.Current.Place(IPAddress.Parse("127.4.9.9"), state.NodePort("web"), Outside);

        Assert.Equal((ProxyOutcome.Dropped, ProxyReason.NoLocalEndpoints), (decision.Outcome, decision.Reason));
    }

    [Fact]
    public void PX_7_LocalPolicyWithNoEndpointsAnywhereRejects()
    {
        var (state, proxy, _) = NewCluster();
        state.Put(Local(Service("web", ServiceTypes.NodePort)));

        var (decision, _) = proxy.Current.Place(Node1, state.NodePort("web"), Outside);

        Assert.Equal((ProxyOutcome.Rejected, ProxyReason.NoEndpoints), (decision.Outcome, decision.Reason));
    }

    [Fact]
    public void PX_6_ClusterIPTrafficFollowsInternalPolicyFromTheClientsNode()
    {
        var (state, proxy, _) = NewCluster();
        var service = Service("web");
        service = service with { Spec = service.Spec with { InternalTrafficPolicy = ServicePolicies.Local } };
        var client = Pod("client", "127.1.1.1", "node-2");
        state.Put(service, client, Pod("web", "127.1.0.1", "node-1"), Pod("web", "127.1.0.2", "node-2"));
        var ip = state.ClusterIP("web");

        Assert.Equal(["127.1.0.2"], proxy.Current.Reached(ip, 80, IPAddress.Parse("127.1.1.1")));
        Assert.Equal(["127.1.0.1"], proxy.Current.Reached(ip, 80, Node1));
        Assert.Equal(ProxyReason.NoLocalEndpoints, proxy.Current.Place(ip, 80, Outside).Decision.Reason);
    }

    [Fact]
    public void PX_6_ExternalPolicyDoesNotApplyToClusterIPTraffic()
    {
        var (state, proxy, _) = NewCluster();
        state.Put(Local(Service("web", ServiceTypes.NodePort)), Pod("web", "127.1.0.1", "node-1"), Pod("web", "127.1.0.2", "node-2"));

        Assert.Equal(["127.1.0.1", "127.1.0.2"], proxy.Current.Reached(state.ClusterIP("web"), 80, Outside));
    }

    [Fact]
    public void PX_6_LoadBalancerTrafficFromOutsideUsesTheReceivingNodesEndpoints()
    {
        var (state, proxy, _) = NewCluster(new ServiceProxyOptions { NodeName = "node-2" });
        state.Put(Local(Service("web", ServiceTypes.LoadBalancer)), Pod("web", "127.1.0.1", "node-1"), Pod("web", "127.1.0.2", "node-2"));

        Assert.Equal(["127.1.0.2"], proxy.Current.Reached(state.LoadBalancerIP("web"), 80, Outside));
    }

    [Fact]
    public void PX_6_LoadBalancerTrafficFromInsideTheClusterUsesClusterPolicy()
    {
        var (state, proxy, _) = NewCluster(new ServiceProxyOptions { NodeName = "node-2" });
        state.Put(Local(Service("web", ServiceTypes.LoadBalancer)), Pod("web", "127.1.0.1", "node-1"), Pod("web", "127.1.0.2", "node-2"));
        var lb = state.LoadBalancerIP("web");

        Assert.Equal(["127.1.0.1", "127.1.0.2"], proxy.Current.Reached(lb, 80, IPAddress.Parse("127.1.200.1")));
        Assert.Equal(["127.1.0.1", "127.1.0.2"], proxy.Current.Reached(lb, 80, Node1));
    }

    [Fact]
    public void PX_6_ModellingEveryNode_TheLoadBalancerIsAnnouncedFromTheFirstNodeWithLocalEndpoints()
    {
        var (state, proxy, _) = NewCluster();
        state.Put(Local(Service("web", ServiceTypes.LoadBalancer)), Pod("web", "127.1.0.2", "node-2"), Pod("web", "127.1.0.3", "node-2"));
        var lb = state.LoadBalancerIP("web");

        var frontend = proxy.Current.Frontends.Single(f => f.Kind == FrontendKind.LoadBalancer);

        Assert.Equal("node-2", frontend.ReceivingNode);
        Assert.Equal(["127.1.0.2", "127.1.0.3"], proxy.Current.Reached(lb, 80, Outside));
    }

    [Fact]
    public void PX_6_ExternalIPsFollowExternalPolicy()
    {
        var (state, proxy, _) = NewCluster(new ServiceProxyOptions { NodeName = "node-1" });
        var service = Local(Service("web", ServiceTypes.ClusterIP));
        service = service with { Spec = service.Spec with { ExternalIPs = ["127.5.0.1"] } };
        state.Put(service, Pod("web", "127.1.0.1", "node-1"), Pod("web", "127.1.0.2", "node-2"));

        Assert.Equal(["127.1.0.1"], proxy.Current.Reached(IPAddress.Parse("127.5.0.1"), 80, Outside));
    }

    [Fact]
    public void PX_11_EachNodeAddressGetsAHealthCheckCountingItsLocalEndpoints()
    {
        var (state, proxy, _) = NewCluster();
        state.Put(Local(Service("web", ServiceTypes.LoadBalancer)), Pod("web", "127.1.0.1", "node-1"), Pod("web", "127.1.0.2", "node-1"), Pod("web", "127.1.0.3", "node-2", ready: false));
        var port = state.Stored("web").Spec.HealthCheckNodePort;

        var checks = proxy.Current.HealthChecks.Select(h => $"{h.EndPoint} {h.NodeName} {h.LocalEndpoints}").ToList();

        Assert.True(port > 0);
        Assert.Equal([$"127.4.0.1:{port} node-1 2", $"127.4.0.2:{port} node-2 0"], checks);
        Assert.Equal("{\"service\":{\"namespace\":\"default\",\"name\":\"web\"},\"localEndpoints\":2,\"serviceProxyHealthy\":true}", proxy.Current.HealthChecks[0].Body);
    }

    [Fact]
    public void PX_11_ClusterPolicyServicesHaveNoHealthCheck()
    {
        var (state, proxy, _) = NewCluster();
        state.Put(Service("web", ServiceTypes.LoadBalancer), Pod("web", "127.1.0.1", "node-1"));

        Assert.Empty(proxy.Current.HealthChecks);
    }

    private static Service Local(Service service) =>
        service with { Spec = service.Spec with { ExternalTrafficPolicy = ServicePolicies.Local } };
}
