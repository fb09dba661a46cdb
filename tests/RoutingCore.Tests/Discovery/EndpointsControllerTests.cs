using RoutingCore.Model;
using RoutingCore.State;
using static RoutingCore.Tests.State.Fixtures;

namespace RoutingCore.Tests.Discovery;

/// <summary>The legacy Endpoints controller (EP-2): Endpoints derived from a selector Service's EndpointSlices.</summary>
public sealed class EndpointsControllerTests
{
    [Fact]
    public void EP_2_ReadyPodsAreAddressesUnreadyOnesNotReadyAndTerminatingOnesLeftOut()
    {
        var state = NewState(configure: o => o with { LegacyEndpoints = true });
        state.Create(Service("web") with { Metadata = Service("web").Metadata with { Labels = Labels.Of(("tier", "front")) } });
        state.Create(Pod("b-ready", "web", "127.1.0.12"));
        state.Create(Pod("a-ready", "web", "127.1.0.11"));
        state.Create(Pod("unready", "web", "127.1.0.13", ready: false));
        state.Create(Pod("leaving", "web", "127.1.0.14"));
        state.Delete<Pod>("default", "leaving", new DeleteOptions { GracePeriodSeconds = 30 });
        state.Sync();

        var endpoints = Assert.IsType<Endpoints>(state.Get<Endpoints>("default", "web"));
        var subset = Assert.Single(endpoints.Subsets);
        Assert.Equal(["127.1.0.11", "127.1.0.12"], subset.Addresses.Select(a => a.Ip));
        Assert.Equal(["127.1.0.13"], subset.NotReadyAddresses.Select(a => a.Ip));
        Assert.Equal([new EndpointPort("", "TCP", 80)], subset.Ports);
        Assert.Equal(("node-1", "Pod", "a-ready"), (subset.Addresses[0].NodeName, subset.Addresses[0].TargetRef?.Kind, subset.Addresses[0].TargetRef?.Name));
        Assert.Equal(Labels.Of(("tier", "front")), endpoints.Metadata.Labels);
    }

    [Fact]
    public void EP_2_EachPortListIsASubset()
    {
        var state = NewState(configure: o => o with { LegacyEndpoints = true });
        state.Create(Service("web") with { Spec = Service("web").Spec with { Ports = [new ServicePort { Name = "http", Port = 80, TargetPort = "http" }] } });
        state.Create(Pod("a", "web", "127.1.0.11", containerPort: 8080));
        state.Create(Pod("b", "web", "127.1.0.12", containerPort: 9090));
        state.Sync();

        var endpoints = state.Get<Endpoints>("default", "web")!;
        Assert.Equal(
            ["127.1.0.11 http/8080", "127.1.0.12 http/9090"],
            endpoints.Subsets.Select(s => $"{string.Join(",", s.Addresses.Select(a => a.Ip))} {string.Join(",", s.Ports.Select(p => $"{p.Name}/{p.Port}"))}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EP_2_FollowsReadinessAndTheServicesLife()
    {
        var state = NewState(configure: o => o with { LegacyEndpoints = true });
        state.Create(Service("web", type: ServiceTypes.ClusterIP) with { Spec = Service("web").Spec with { ClusterIP = ServicePolicies.None } });
        state.Create(Pod("a", "web", "127.1.0.11"));
        state.Sync();
        Assert.Equal("", state.Get<Endpoints>("default", "web")!.Metadata.Labels[EndpointSlice.HeadlessLabel]);

        state.UpdateStatus(state.Get<Pod>("default", "a")!.WithReady(false));
        state.Sync();
        var subset = Assert.Single(state.Get<Endpoints>("default", "web")!.Subsets);
        Assert.Equal((0, 1), (subset.Addresses.Length, subset.NotReadyAddresses.Length));

        var version = state.Get<Endpoints>("default", "web")!.Metadata.ResourceVersion;
        state.Update(state.Get<Pod>("default", "a")! with { Metadata = state.Get<Pod>("default", "a")!.Metadata with { Annotations = Labels.Of(("note", "x")) } });
        state.Sync();
        Assert.Equal(version, state.Get<Endpoints>("default", "web")!.Metadata.ResourceVersion); // nothing changed, nothing written

        state.Delete<Service>("default", "web");
        state.Sync();
        Assert.Null(state.Get<Endpoints>("default", "web"));
    }

    [Fact]
    public void EP_2_TheEndpointsOfASelectorlessServiceAreTheUsers()
    {
        var state = NewState(configure: o => o with { LegacyEndpoints = true });
        state.Create(Service("db") with { Spec = Service("db").Spec with { Selector = Labels.Empty } });
        state.Create(new Endpoints
        {
            Metadata = new ObjectMeta { Name = "db", Namespace = "default" },
            Subsets = [new EndpointSubset { Addresses = [new EndpointAddress("127.9.0.1")], Ports = [new EndpointPort("", "TCP", 5432)] }],
        });
        state.Sync();
        var version = state.Get<Endpoints>("default", "db")!.Metadata.ResourceVersion;

        state.Update(state.Get<Service>("default", "db")! with { Metadata = state.Get<Service>("default", "db")!.Metadata with { Labels = Labels.Of(("x", "y")) } });
        state.Sync();

        Assert.Equal(version, state.Get<Endpoints>("default", "db")!.Metadata.ResourceVersion);
    }

    [Fact]
    public void EP_2_OverCapacityKeepsReadyAddressesFirstAndSaysSo()
    {
        var state = NewState(configure: o => o with { MaxEndpointsPerSlice = 1000, LegacyEndpoints = true });
        state.Create(Service("big"));
        var pods = Enumerable.Range(0, 1003).Select(i => Pod($"p{i:D4}", "big", $"127.1.{i / 250}.{(i % 250) + 1}", ready: i >= 3)).ToList();
        state.ApplyBatch(pods);
        state.Sync();

        var endpoints = state.Get<Endpoints>("default", "big")!;
        var subset = Assert.Single(endpoints.Subsets);
        Assert.Equal((1000, 0), (subset.Addresses.Length, subset.NotReadyAddresses.Length));
        Assert.Equal("truncated", endpoints.Metadata.Annotations["endpoints.kubernetes.io/over-capacity"]);

        state.Delete<Pod>("default", "p1000");
        state.Delete<Pod>("default", "p1001");
        state.Delete<Pod>("default", "p1002");
        state.Delete<Pod>("default", "p0999");
        state.Sync();
        endpoints = state.Get<Endpoints>("default", "big")!;
        Assert.Equal((996, 3), (endpoints.Subsets[0].Addresses.Length, endpoints.Subsets[0].NotReadyAddresses.Length));
        Assert.False(endpoints.Metadata.Annotations.ContainsKey("endpoints.kubernetes.io/over-capacity"));
    }

    [Fact]
    public void EP_2_IsOffByDefault()
    {
        var state = NewState();
        state.Create(Service("web"));
        state.Create(Pod("a", "web", "127.1.0.11"));
        state.Sync();

        Assert.Single(state.SlicesOf("web"));
        Assert.Null(state.Get<Endpoints>("default", "web"));
    }
}
