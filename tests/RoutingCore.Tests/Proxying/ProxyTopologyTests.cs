using RoutingCore.Model;
using RoutingCore.Proxying;
using static RoutingCore.Tests.Proxying.ProxyFixtures;

namespace RoutingCore.Tests.Proxying;

/// <summary>PX-10: <c>trafficDistribution</c> keeps Cluster-policy traffic on this node or zone while it has ready endpoints.</summary>
public sealed class ProxyTopologyTests
{
    /// <summary>node-1 and node-3 in zone a, node-2 in zone b; the proxy runs on node-1.</summary>
    private static (RoutingCore.State.ClusterState State, ServiceProxyController Proxy) ZonedCluster()
    {
        var (state, proxy, _) = NewCluster(new ServiceProxyOptions { NodeName = "node-1", RandomSeed = 7 });
        foreach (var (node, zone) in (ReadOnlySpan<(string, string)>)[("node-1", "a"), ("node-2", "b")])
        {
            var stored = state.Get<Node>("", node)!;
            state.Update(stored with { Metadata = stored.Metadata with { Labels = Labels.Of(("topology.kubernetes.io/zone", zone)) } });
        }

        state.Create(Node("node-3", "127.4.0.3") with { Metadata = new ObjectMeta { Name = "node-3", Labels = Labels.Of(("topology.kubernetes.io/zone", "a")) } });
        state.Sync();
        return (state, proxy);
    }

    private static Service Distributed(string distribution) =>
        Service("web") with { Spec = Service("web").Spec with { TrafficDistribution = distribution } };

    [Theory]
    [InlineData(TrafficDistributions.PreferClose)]
    [InlineData(TrafficDistributions.PreferSameZone)]
    public void PX_10_SameZonePreferenceUsesThisZonesEndpoints(string distribution)
    {
        var (state, proxy) = ZonedCluster();
        state.Put(Distributed(distribution), Pod("web", "127.1.0.1", "node-1"), Pod("web", "127.1.0.2", "node-2"), Pod("web", "127.1.0.3", "node-3"));

        Assert.Equal(["127.1.0.1", "127.1.0.3"], proxy.Current.Reached(state.ClusterIP("web"), 80, Outside));
    }

    [Fact]
    public void PX_10_SameNodePreferenceUsesThisNodeThenThisZone()
    {
        var (state, proxy) = ZonedCluster();
        state.Put(Distributed(TrafficDistributions.PreferSameNode), Pod("web", "127.1.0.1", "node-1"), Pod("web", "127.1.0.2", "node-2"), Pod("web", "127.1.0.3", "node-3"));
        Assert.Equal(["127.1.0.1"], proxy.Current.Reached(state.ClusterIP("web"), 80, Outside));

        state.UpdateStatus(state.Get<Pod>("default", "web-127-1-0-1")! with
        {
            Status = state.Get<Pod>("default", "web-127-1-0-1")!.Status with { Conditions = [new PodCondition(PodConditionTypes.Ready, ConditionStatus.False)] },
        });
        state.Sync();
        Assert.Equal(["127.1.0.3"], proxy.Current.Reached(state.ClusterIP("web"), 80, Outside));
    }

    [Fact]
    public void PX_10_WithoutReadyEndpointsCloseByTrafficGoesEverywhere()
    {
        var (state, proxy) = ZonedCluster();
        state.Put(Distributed(TrafficDistributions.PreferClose), Pod("web", "127.1.0.1", "node-1", ready: false), Pod("web", "127.1.0.2", "node-2"));

        Assert.Equal(["127.1.0.2"], proxy.Current.Reached(state.ClusterIP("web"), 80, Outside));
    }

    [Fact]
    public void PX_10_WithoutADistributionEveryZoneIsUsed()
    {
        var (state, proxy) = ZonedCluster();
        state.Put(Service("web"), Pod("web", "127.1.0.1", "node-1"), Pod("web", "127.1.0.2", "node-2"));

        Assert.Equal(["127.1.0.1", "127.1.0.2"], proxy.Current.Reached(state.ClusterIP("web"), 80, Outside));
    }

    [Fact]
    public void PX_10_AProxyThatKnowsNoZoneIgnoresThePreference()
    {
        var (state, proxy, _) = NewCluster(new ServiceProxyOptions { NodeName = "node-1", RandomSeed = 7 });
        state.Put(Distributed(TrafficDistributions.PreferClose), Pod("web", "127.1.0.1", "node-1"), Pod("web", "127.1.0.2", "node-2"));

        Assert.Equal(["127.1.0.1", "127.1.0.2"], proxy.Current.Reached(state.ClusterIP("web"), 80, Outside));
    }
}
