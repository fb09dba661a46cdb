using System.Net;
using RoutingCore.Balancing;
using RoutingCore.Model;
using RoutingCore.Proxying;
using static RoutingCore.Tests.Proxying.ProxyFixtures;

namespace RoutingCore.Tests.Proxying;

/// <summary>M-2/M-3 for the proxy table: rebuilt on relevant changes only, published whole, live state kept.</summary>
public sealed class ProxyControllerTests
{
    [Fact]
    public void M_3_TheTableIsRebuiltWhenServicesEndpointsOrNodesChange()
    {
        var (state, proxy, _) = NewCluster();
        var published = new List<ProxyTable>();
        proxy.TablePublished += (_, t) => published.Add(t);

        state.Put(Service("web", ServiceTypes.NodePort), Pod("web", "127.1.0.1"));
        var afterService = published.Count;
        state.Put(Node("node-3", "127.4.0.3"));

        Assert.True(afterService > 0);
        Assert.True(published.Count > afterService);
        Assert.Same(published[^1], proxy.Current);
        Assert.Equal(3, proxy.Current.Frontends.Count(f => f.Kind == FrontendKind.NodePort));
    }

    [Fact]
    public void M_3_UnrelatedChangesDoNotRebuild()
    {
        var (state, proxy, _) = NewCluster();
        state.Put(Service("web"), Pod("web", "127.1.0.1"));
        var before = proxy.Current;

        state.Put(new ConfigMap { Metadata = new ObjectMeta { Name = "settings", Namespace = "default" } });

        Assert.Same(before, proxy.Current);
    }

    [Fact]
    public void M_3_LiveEndpointStateSurvivesARebuild()
    {
        var (state, proxy, _) = NewCluster();
        state.Put(Service("web"), Pod("web", "127.1.0.1"));
        var ip = state.ClusterIP("web");
        var decision = proxy.Current.Resolve(ProxyProtocol.Tcp, ip, 80, Outside, out var lease);
        var before = decision.ServicePort!.Endpoints.Registry;

        state.Put(Pod("web", "127.1.0.2"));

        var after = proxy.Current.ServicePorts[0].Endpoints.Registry;
        Assert.Same(before, after);
        Assert.True(after.TryGetHealth(new EndpointKey("127.1.0.1", 8080), out var health));
        Assert.Equal(1, health.InFlight);
        lease.Complete(EndpointOutcome.Success);
        Assert.True(after.TryGetHealth(new EndpointKey("127.1.0.1", 8080), out health));
        Assert.Equal(0, health.InFlight);
    }

    [Fact]
    public void M_3_AnOldTableStaysUsableAfterANewOneIsPublished()
    {
        var (state, proxy, _) = NewCluster();
        state.Put(Service("web"), Pod("web", "127.1.0.1"));
        var old = proxy.Current;
        var ip = state.ClusterIP("web");

        state.Delete<Service>("default", "web");
        state.Sync();

        Assert.Equal(ProxyOutcome.Selected, old.Place(ip, 80, Outside).Decision.Outcome);
        Assert.Equal(ProxyOutcome.NotProxied, proxy.Current.Place(ip, 80, Outside).Decision.Outcome);
    }

    [Fact]
    public void PX_7_ResolveDoesNotAllocate()
    {
        var (state, proxy, _) = NewCluster();
        var service = Service("web", ServiceTypes.LoadBalancer);
        service = service with
        {
            Spec = service.Spec with
            {
                ExternalTrafficPolicy = ServicePolicies.Local,
                SessionAffinity = ServicePolicies.ClientIP,
                LoadBalancerSourceRanges = ["127.9.0.0/16"],
            },
        };
        state.Put(service, Pod("web", "127.1.0.1", "node-1"), Pod("web", "127.1.0.2", "node-2"));
        var table = proxy.Current;
        var lb = state.LoadBalancerIP("web");
        var node = IPAddress.Parse("127.4.0.2");
        var nodePort = state.NodePort("web");
        var unknown = IPAddress.Parse("127.2.255.1");
        var other = IPAddress.Parse("127.9.0.2"); // one client per local set, so affinity entries are not re-pointed

        void Run()
        {
            for (var i = 0; i < 1000; i++)
            {
                table.Resolve(ProxyProtocol.Tcp, lb, 80, Outside, out var a);
                a.Complete(EndpointOutcome.Success);
                table.Resolve(ProxyProtocol.Tcp, node, nodePort, other, out var b);
                b.Complete(EndpointOutcome.Success);
                table.Resolve(ProxyProtocol.Udp, unknown, 80, Outside, out _);
            }
        }

        Run();
        var before = GC.GetAllocatedBytesForCurrentThread();
        Run();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void ServiceProxyOptions_RefuseAddressesThatAreNotIPs()
    {
        Assert.Throws<ArgumentException>(() => new ServiceProxyController(new ServiceProxyOptions { NodeAddresses = ["node-1.local"] }));
        Assert.Throws<ArgumentException>(() => new ServiceProxyController(new ServiceProxyOptions { ClusterCidrs = ["10.0.0.0"] }));
    }
}
