using RoutingCore.Model;
using RoutingCore.State;
using RoutingCore.Tests.State;
using static RoutingCore.Tests.State.Fixtures;

namespace RoutingCore.Tests.Discovery;

public sealed class EndpointSliceControllerTests
{
    [Fact]
    public void EPS_C2_SelectedPodsWithAnIPBecomeEndpoints()
    {
        var state = NewState(configure: o => o with { PodCidr = null });
        state.Create(Service("web") with { Spec = Service("web").Spec with { Ports = [new ServicePort { Port = 80, TargetPort = 8080 }] } });
        state.Create(Pod("web-1", "web", "127.1.0.11"));
        state.Create(Pod("web-2", "web", "127.1.0.12"));
        state.Create(Pod("other", "db", "127.1.0.13"));
        state.Create(Pod("no-ip", "web", ip: null));
        state.Create(Pod("done", "web", "127.1.0.14") with { Status = Pod("done", "web", "127.1.0.14").Status with { Phase = PodPhases.Succeeded } });
        state.Sync();

        Assert.Equal(
            ["127.1.0.11 r=True s=True t=False /TCP/8080", "127.1.0.12 r=True s=True t=False /TCP/8080"],
            state.EndpointSummary("web"));
    }

    [Fact]
    public void EPS_C3_ConditionsFollowReadinessAndDeletion()
    {
        var state = NewState();
        state.Create(Service("web"));
        state.Create(Pod("ready", "web", "127.1.0.11"));
        state.Create(Pod("unready", "web", "127.1.0.12", ready: false));
        state.Create(Pod("leaving", "web", "127.1.0.13"));
        state.Delete<Pod>("default", "leaving", new DeleteOptions { GracePeriodSeconds = 30 });
        state.Sync();

        Assert.Equal(
            [
                "127.1.0.11 r=True s=True t=False /TCP/80",
                "127.1.0.12 r=False s=False t=False /TCP/80",
                "127.1.0.13 r=False s=True t=True /TCP/80",
            ],
            state.EndpointSummary("web"));
    }

    [Fact]
    public void EPS_C3_PublishNotReadyAddressesMakesEveryEndpointReady()
    {
        var state = NewState();
        state.Create(Service("web") with { Spec = Service("web").Spec with { PublishNotReadyAddresses = true } });
        state.Create(Pod("unready", "web", "127.1.0.12", ready: false));
        state.Sync();
        Assert.Equal(["127.1.0.12 r=True s=False t=False /TCP/80"], state.EndpointSummary("web"));
    }

    [Fact]
    public void EPS_C5_NamedTargetPortsResolvePerPod()
    {
        var state = NewState();
        state.Create(Service("web") with
        {
            Spec = Service("web").Spec with
            {
                Ports = [new ServicePort { Name = "http", Port = 80, TargetPort = "http" }, new ServicePort { Name = "admin", Port = 9000, TargetPort = "admin" }],
            },
        });
        state.Create(Pod("a", "web", "127.1.0.11", containerPort: 8080));
        state.Create(Pod("b", "web", "127.1.0.12", containerPort: 9090));
        state.Sync();

        var slices = state.SlicesOf("web");
        Assert.Equal(2, slices.Count); // different resolved port lists cannot share a slice
        Assert.Equal(
            ["127.1.0.11 r=True s=True t=False http/TCP/8080", "127.1.0.12 r=True s=True t=False http/TCP/9090"],
            state.EndpointSummary("web"));
    }

    [Fact]
    public void EPS_C6_SliceMetadataNamesTheServiceAndItsManager()
    {
        var state = NewState();
        var web = state.Create(Service("web") with { Metadata = Service("web").Metadata with { Labels = Labels.Of(("team", "shop")) } });
        state.Create(Pod("a", "web", "127.1.0.11"));
        state.Sync();

        var slice = Assert.Single(state.SlicesOf("web"));
        Assert.StartsWith("web-", slice.Name, StringComparison.Ordinal);
        Assert.Equal(AddressTypes.IPv4, slice.AddressType);
        Assert.Equal("web", slice.Metadata.Labels[EndpointSlice.ServiceNameLabel]);
        Assert.Equal(EndpointSlice.ControllerName, slice.Metadata.Labels[EndpointSlice.ManagedByLabel]);
        Assert.Equal("shop", slice.Metadata.Labels["team"]);
        Assert.False(slice.Metadata.Labels.ContainsKey(EndpointSlice.HeadlessLabel));
        var owner = Assert.Single(slice.Metadata.OwnerReferences);
        Assert.Equal(("Service", "web", web.Metadata.Uid, true), (owner.Kind, owner.Name, owner.Uid, owner.Controller));
    }

    [Fact]
    public void EPS_C6_HeadlessServicesAreMarked()
    {
        var state = NewState();
        state.Create(Service("db") with { Spec = Service("db").Spec with { ClusterIP = "None" } });
        state.Create(Pod("a", "db", "127.1.0.11"));
        state.Sync();
        Assert.Equal("", Assert.Single(state.SlicesOf("db")).Metadata.Labels[EndpointSlice.HeadlessLabel]);
    }

    [Fact]
    public void EPS_C4_HostnameOnlyWhenSubdomainNamesTheService()
    {
        var state = NewState();
        state.Create(Service("db") with { Spec = Service("db").Spec with { ClusterIP = "None" } });
        var pod = Pod("a", "db", "127.1.0.11");
        state.Create(pod with { Spec = pod.Spec with { Hostname = "db-0", Subdomain = "db" } });
        state.Create(Pod("b", "db", "127.1.0.12") with { Spec = pod.Spec with { Hostname = "db-1", Subdomain = "other" } });
        state.Sync();

        var endpoints = state.SlicesOf("db").SelectMany(s => s.Endpoints).OrderBy(e => e.Addresses[0], StringComparer.Ordinal).ToList();
        Assert.Equal(["db-0", null], endpoints.Select(e => e.Hostname));
        Assert.Equal("node-1", endpoints[0].NodeName);
        Assert.Equal(("Pod", "default", "a"), (endpoints[0].TargetRef!.Kind, endpoints[0].TargetRef!.Namespace, endpoints[0].TargetRef!.Name));
    }

    [Fact]
    public void EPS_C7_SlicesHoldAtMostTheConfiguredNumberOfEndpoints()
    {
        var state = NewState(configure: o => o with { MaxEndpointsPerSlice = 10 });
        state.Create(Service("web"));
        for (var i = 0; i < 25; i++)
        {
            state.Create(Pod($"p{i}", "web", $"127.1.0.{i + 10}"));
        }

        state.Sync();
        var slices = state.SlicesOf("web");
        Assert.Equal(3, slices.Count);
        Assert.All(slices, s => Assert.True(s.Endpoints.Length <= 10));
        Assert.Equal(25, state.EndpointSummary("web").Count);
    }

    [Fact]
    public void EPS_C7_AReadinessFlipRewritesOneSliceOnly()
    {
        var state = NewState(configure: o => o with { MaxEndpointsPerSlice = 10 });
        state.Create(Service("web"));
        for (var i = 0; i < 25; i++)
        {
            state.Create(Pod($"p{i}", "web", $"127.1.0.{i + 10}"));
        }

        state.Sync();
        using var watch = state.Watch();
        state.UpdateStatus(state.Get<Pod>("default", "p3")!.WithReady(false));
        state.Sync();

        var sliceWrites = new List<WatchEvent>();
        while (watch.Events.TryRead(out var change))
        {
            if (change.Object is EndpointSlice)
            {
                sliceWrites.Add(change);
            }
        }

        Assert.Equal(WatchEventType.Modified, Assert.Single(sliceWrites).Type);
    }

    [Fact]
    public void EPS_C8_SelectorlessServicesKeepUserSlices()
    {
        var state = NewState();
        var external = Service("ext") with { Spec = Service("ext").Spec with { Selector = Labels.Empty } };
        state.Create(external);
        state.Create(new EndpointSlice
        {
            Metadata = new ObjectMeta { Name = "ext-manual", Labels = Labels.Of((EndpointSlice.ServiceNameLabel, "ext"), (EndpointSlice.ManagedByLabel, "me")) },
            AddressType = AddressTypes.IPv4,
            Ports = [new EndpointPort("", "TCP", 5432)],
            Endpoints = [new Endpoint { Addresses = ["127.1.9.9"] }],
        });
        state.Sync();
        Assert.Equal("ext-manual", Assert.Single(state.SlicesOf("ext")).Name);
    }

    [Fact]
    public void EPS_C9_DeletingTheServiceDeletesItsSlices()
    {
        var state = NewState();
        state.Create(Service("web"));
        state.Create(Pod("a", "web", "127.1.0.11"));
        state.Sync();
        Assert.Single(state.SlicesOf("web"));

        state.Delete<Service>("default", "web");
        state.Sync();
        Assert.Empty(state.SlicesOf("web"));
    }

    [Fact]
    public void EPS_C9_SelectorChangesAreReconciled()
    {
        var state = NewState();
        var web = state.Create(Service("web"));
        state.Create(Pod("a", "web", "127.1.0.11"));
        state.Create(Pod("b", "api", "127.1.0.12"));
        state.Sync();

        state.Update(web with { Spec = web.Spec with { Selector = Labels.Of(("app", "api")) } });
        state.Sync();
        Assert.Equal(["127.1.0.12 r=True s=True t=False /TCP/80"], state.EndpointSummary("web"));
    }

    [Fact]
    public void EPS_C2_RelabellingAPodMovesItBetweenServices()
    {
        var state = NewState();
        state.Create(Service("web"));
        state.Create(Service("api"));
        var pod = state.Create(Pod("a", "web", "127.1.0.11"));
        state.Sync();
        state.Update(pod with { Metadata = pod.Metadata with { Labels = Labels.Of(("app", "api")) } });
        state.Sync();

        Assert.Empty(state.EndpointSummary("web"));
        Assert.Single(state.EndpointSummary("api"));
    }

    [Fact]
    public void EPS_C1_AServiceWithNoPodsKeepsAnEmptyPlaceholderSlice()
    {
        var state = NewState();
        state.Create(Service("web"));
        state.Sync();
        var slice = Assert.Single(state.SlicesOf("web"));
        Assert.Empty(slice.Endpoints);
    }

    [Fact]
    public void EPS_C1_ExternalNameServicesGetNoSlices()
    {
        var state = NewState();
        state.Create(new Service
        {
            Metadata = new ObjectMeta { Name = "alias" },
            Spec = new ServiceSpec { Type = ServiceTypes.ExternalName, ExternalName = "example.com", Selector = Labels.Of(("app", "web")) },
        });
        state.Create(Pod("a", "web", "127.1.0.11"));
        state.Sync();
        Assert.Empty(state.SlicesOf("alias"));
    }
}
