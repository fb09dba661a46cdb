using System.Net;
using RoutingCore.Balancing;
using RoutingCore.Model;
using RoutingCore.Proxying;
using static RoutingCore.Tests.Proxying.ProxyFixtures;

namespace RoutingCore.Tests.Proxying;

/// <summary>PX-8 selection modes, PX-9 source ranges and AFF-1..3 session affinity.</summary>
public sealed class ProxySelectionTests
{
    [Fact]
    public void PX_8_RandomIsTheDefaultAndSpreadsEvenly()
    {
        var (state, proxy, _) = NewCluster();
        state.Put(Service("web"), Pod("web", "127.1.0.1"), Pod("web", "127.1.0.2"), Pod("web", "127.1.0.3"), Pod("web", "127.1.0.4"));
        var ip = state.ClusterIP("web");

        var counts = new Dictionary<string, int>();
        for (var i = 0; i < 4000; i++)
        {
            var endpoint = proxy.Current.Place(ip, 80, Outside).Endpoint!;
            counts[endpoint] = counts.GetValueOrDefault(endpoint) + 1;
        }

        Assert.Equal("Random", proxy.Current.ServicePorts[0].Endpoints.Strategy.Name);
        Assert.Equal(4, counts.Count);
        Assert.All(counts.Values, c => Assert.InRange(c, 850, 1150)); // 1000 ± ~5.5 sigma
    }

    [Fact]
    public void PX_8_RoundRobinTakesTheEndpointsInTheirStableOrder()
    {
        var (state, proxy, _) = NewCluster(new ServiceProxyOptions { Selection = ProxySelectionMode.RoundRobin, RandomSeed = 1 });
        state.Put(Service("web"), Pod("web", "127.1.0.3"), Pod("web", "127.1.0.1"), Pod("web", "127.1.0.2"));
        var ip = state.ClusterIP("web");

        var picks = Enumerable.Range(0, 6).Select(_ => proxy.Current.Place(ip, 80, Outside).Endpoint).ToList();

        var start = picks[0]!;
        var order = new[] { "127.1.0.1", "127.1.0.2", "127.1.0.3" };
        var offset = Array.IndexOf(order, start);
        Assert.Equal(Enumerable.Range(0, 6).Select(i => order[(offset + i) % 3]), picks);
    }

    [Fact]
    public void PX_9_LoadBalancerSourceRangesDropClientsOutsideThem()
    {
        var (state, proxy, _) = NewCluster();
        var service = Service("web", ServiceTypes.LoadBalancer);
        service = service with { Spec = service.Spec with { LoadBalancerSourceRanges = [" 127.8.0.0/16 ", "127.7.7.7/32"] } };
        state.Put(service, Pod("web", "127.1.0.1"));
        var lb = state.LoadBalancerIP("web");

        Assert.Equal(ProxyOutcome.Selected, proxy.Current.Place(lb, 80, IPAddress.Parse("127.8.1.2")).Decision.Outcome);
        Assert.Equal(ProxyOutcome.Selected, proxy.Current.Place(lb, 80, IPAddress.Parse("127.7.7.7")).Decision.Outcome);
        var denied = proxy.Current.Place(lb, 80, IPAddress.Parse("127.7.7.8")).Decision;
        Assert.Equal((ProxyOutcome.Dropped, ProxyReason.SourceRangeDenied), (denied.Outcome, denied.Reason));
        Assert.Equal(["127.8.0.0/16", "127.7.7.7/32"], proxy.Current.Frontends.Single(f => f.Kind == FrontendKind.LoadBalancer).SourceRanges);
    }

    [Fact]
    public void PX_9_SourceRangesApplyOnlyToTheLoadBalancerAddress()
    {
        var (state, proxy, _) = NewCluster();
        var service = Service("web", ServiceTypes.LoadBalancer);
        service = service with { Spec = service.Spec with { LoadBalancerSourceRanges = ["127.8.0.0/16"] } };
        state.Put(service, Pod("web", "127.1.0.1"));

        Assert.Equal(ProxyOutcome.Selected, proxy.Current.Place(state.ClusterIP("web"), 80, Outside).Decision.Outcome);
        Assert.Equal(ProxyOutcome.Selected, proxy.Current.Place(IPAddress.Parse("127.4.0.1"), state.NodePort("web"), Outside).Decision.Outcome);
    }

    [Fact]
    public void PX_9_TheLegacyAnnotationIsReadWhenTheFieldIsEmpty()
    {
        var (state, proxy, _) = NewCluster();
        var service = Service("web", ServiceTypes.LoadBalancer);
        service = service with
        {
            Metadata = service.Metadata with { Annotations = Labels.Of(("service.beta.kubernetes.io/load-balancer-source-ranges", "127.8.0.0/16, 127.6.0.0/16")) },
        };
        state.Put(service, Pod("web", "127.1.0.1"));
        var lb = state.LoadBalancerIP("web");

        Assert.Equal(ProxyOutcome.Selected, proxy.Current.Place(lb, 80, IPAddress.Parse("127.6.0.9")).Decision.Outcome);
        Assert.Equal(ProxyOutcome.Dropped, proxy.Current.Place(lb, 80, Outside).Decision.Outcome);
    }

    [Fact]
    public void PX_9_AnEmptyListAllowsEveryClient()
    {
        var (state, proxy, _) = NewCluster();
        state.Put(Service("web", ServiceTypes.LoadBalancer), Pod("web", "127.1.0.1"));

        Assert.Equal(ProxyOutcome.Selected, proxy.Current.Place(state.LoadBalancerIP("web"), 80, Outside).Decision.Outcome);
    }

    [Fact]
    public void AFF_1_AClientKeepsItsEndpointWhileItReturnsWithinTheTimeout()
    {
        var (state, proxy, time) = NewCluster();
        state.Put(Affinity(Service("web"), 60), Pod("web", "127.1.0.1"), Pod("web", "127.1.0.2"), Pod("web", "127.1.0.3"));
        var ip = state.ClusterIP("web");

        var first = proxy.Current.Place(ip, 80, Outside).Endpoint;
        for (var i = 0; i < 20; i++)
        {
            time.Advance(TimeSpan.FromSeconds(50)); // each connection restarts the timer
            Assert.Equal(first, proxy.Current.Place(ip, 80, Outside).Endpoint);
        }
    }

    [Fact]
    public void AFF_2_AfterTheTimeoutTheClientIsPlacedAfresh()
    {
        var (state, proxy, time) = NewCluster();
        state.Put(Affinity(Service("web"), 10), Pod("web", "127.1.0.1"), Pod("web", "127.1.0.2"), Pod("web", "127.1.0.3"), Pod("web", "127.1.0.4"));
        var ip = state.ClusterIP("web");

        var seen = new HashSet<string>();
        for (var i = 0; i < 40; i++)
        {
            seen.Add(proxy.Current.Place(ip, 80, Outside).Endpoint!);
            time.Advance(TimeSpan.FromSeconds(11));
        }

        Assert.True(seen.Count > 1, "every placement after a timeout is a fresh random pick");
    }

    [Fact]
    public void AFF_2_WhenTheEndpointLeavesTheClientIsPlacedAgainAndTheOthersKeepTheirs()
    {
        var (state, proxy, _) = NewCluster();
        state.Put(Affinity(Service("web"), 600), Pod("web", "127.1.0.1"), Pod("web", "127.1.0.2"));
        var ip = state.ClusterIP("web");
        var clients = Enumerable.Range(1, 40).Select(i => IPAddress.Parse($"127.9.0.{i}")).ToList();
        var before = clients.ToDictionary(c => c, c => proxy.Current.Place(ip, 80, c).Endpoint);

        state.Delete<Pod>("default", "web-127-1-0-1");
        state.Put(Pod("web", "127.1.0.3"));

        foreach (var client in clients)
        {
            var now = proxy.Current.Place(ip, 80, client).Endpoint;
            Assert.Equal(before[client] == "127.1.0.2" ? "127.1.0.2" : now, now);
            Assert.NotEqual("127.1.0.1", now);
        }
    }

    [Fact]
    public void AFF_3_AffinityIsPerServicePort()
    {
        var (state, proxy, _) = NewCluster();
        var service = Affinity(Service("web"), 600);
        service = service with
        {
            Spec = service.Spec with { Ports = [new ServicePort { Name = "a", Port = 80, TargetPort = 8080 }, new ServicePort { Name = "b", Port = 81, TargetPort = 8080 }] },
        };
        state.Put(service, Pod("web", "127.1.0.1"), Pod("web", "127.1.0.2"), Pod("web", "127.1.0.3"), Pod("web", "127.1.0.4"));
        var ip = state.ClusterIP("web");
        var clients = Enumerable.Range(1, 30).Select(i => IPAddress.Parse($"127.9.0.{i}")).ToList();

        var differ = clients.Count(c => proxy.Current.Place(ip, 80, c).Endpoint != proxy.Current.Place(ip, 81, c).Endpoint);

        Assert.True(differ > 0, "two ports placing 30 clients independently over 4 endpoints agree on all of them with probability 4^-30");
        Assert.All(clients, c => Assert.Equal(proxy.Current.Place(ip, 81, c).Endpoint, proxy.Current.Place(ip, 81, c).Endpoint));
    }

    [Fact]
    public void AFF_3_NoneSessionAffinityPlacesEveryConnectionIndependently()
    {
        var (state, proxy, _) = NewCluster();
        state.Put(Service("web"), Pod("web", "127.1.0.1"), Pod("web", "127.1.0.2"));

        Assert.Equal(2, proxy.Current.Reached(state.ClusterIP("web"), 80, Outside).Count);
    }

    private static Service Affinity(Service service, int seconds) => service with
    {
        Spec = service.Spec with { SessionAffinity = ServicePolicies.ClientIP, SessionAffinityConfig = new SessionAffinityConfig(new ClientIPConfig(seconds)) },
    };
}
