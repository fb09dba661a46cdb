using Microsoft.Extensions.Time.Testing;
using RoutingCore.Model;
using RoutingCore.State;
using static RoutingCore.Tests.State.Fixtures;

namespace RoutingCore.Tests.State;

public sealed class ClusterStateTests
{
    [Fact]
    public void NS_3_StoreStartsWithTheSystemNamespaces()
    {
        var state = NewState();
        Assert.Equal(["default", "kube-node-lease", "kube-public", "kube-system"], state.List<Namespace>().Select(n => n.Name));
    }

    [Fact]
    public void NS_3_CreatingInAMissingNamespaceIsNotFound()
    {
        var state = NewState();
        var error = Assert.Throws<ApiException>(() => state.Create(Service("web", ns: "shop")));
        Assert.Equal(404, error.StatusCode);
        Assert.Equal("namespaces \"shop\" not found", error.Message);
    }

    [Fact]
    public void NS_3_DefaultNamespaceCannotBeDeleted()
    {
        var state = NewState();
        var error = Assert.Throws<ApiException>(() => state.Delete<Namespace>("", "default"));
        Assert.Equal(ApiErrorReason.Forbidden, error.Reason);
        Assert.Equal("namespaces \"default\" is forbidden: this namespace may not be deleted", error.Message);
    }

    [Fact]
    public void NS_2_NamespacedObjectWithoutNamespaceGoesToDefault()
    {
        var state = NewState();
        var created = state.Create(Service("web", ns: ""));
        Assert.Equal("default", created.Namespace);
        Assert.NotNull(state.Get<Service>("default", "web"));
    }

    [Fact]
    public void NS_4_DuplicateCreateIsAlreadyExists()
    {
        var state = NewState();
        state.Create(Service("web"));
        var error = Assert.Throws<ApiException>(() => state.Create(Service("web")));
        Assert.Equal(409, error.StatusCode);
        Assert.Equal("services \"web\" already exists", error.Message);
    }

    [Fact]
    public void NS_6_NamespacesAreLabelledWithTheirName()
    {
        var state = NewState();
        var shop = state.Create(new Namespace { Metadata = new ObjectMeta { Name = "shop" } });
        Assert.Equal("shop", shop.Metadata.Labels["kubernetes.io/metadata.name"]);
    }

    [Fact]
    public void NS_1_DeletingANamespaceDeletesItsObjects()
    {
        var state = NewState();
        state.Create(new Namespace { Metadata = new ObjectMeta { Name = "shop" } });
        var web = state.Create(Service("web", ns: "shop"));
        state.Delete<Namespace>("", "shop");
        Assert.Null(state.Get<Service>("shop", "web"));

        // The Service's ClusterIP was released: the same address can be requested again.
        state.Create(Service("again") with { Spec = Service("again").Spec with { ClusterIP = web.Spec.ClusterIP } });
    }

    [Fact]
    public void NAME_7_GenerateNameAppendsFiveCharacters()
    {
        var state = NewState();
        var created = state.Create(new ConfigMap { Metadata = new ObjectMeta { GenerateName = "settings-" } });
        Assert.Matches("^settings-[bcdfghjklmnpqrstvwxz2456789]{5}$", created.Name);
    }

    [Fact]
    public void M_1_CreateAssignsIdentityVersionAndTimestamp()
    {
        var time = new FakeTimeProvider(Epoch.AddMilliseconds(1500));
        var state = NewState(time);
        var created = state.Create(Service("web"));
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", created.Metadata.Uid);
        Assert.Equal(1, created.Metadata.Generation);
        Assert.Equal(Epoch.AddSeconds(1), created.Metadata.CreationTimestamp);
        Assert.Equal(state.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), created.Metadata.ResourceVersion);
    }

    [Fact]
    public void M_1_StaleResourceVersionIsAConflict()
    {
        var state = NewState();
        var first = state.Create(Service("web"));
        state.Update(first with { Metadata = first.Metadata with { Labels = Labels.Of(("v", "2")) } });
        var error = Assert.Throws<ApiException>(() => state.Update(first with { Metadata = first.Metadata with { Labels = Labels.Of(("v", "3")) } }));
        Assert.Equal(ApiErrorReason.Conflict, error.Reason);
        Assert.Equal("Operation cannot be fulfilled on services \"web\": the object has been modified; please apply your changes to the latest version and try again", error.Message);
    }

    [Fact]
    public void M_1_GenerationCountsSpecChangesOnly()
    {
        var state = NewState();
        var web = state.Create(Service("web"));
        var relabelled = state.Update(web with { Metadata = web.Metadata with { Labels = Labels.Of(("tier", "front")) } });
        Assert.Equal(1, relabelled.Metadata.Generation);
        var rescaled = state.Update(relabelled with { Spec = relabelled.Spec with { Ports = [new ServicePort { Port = 8080 }] } });
        Assert.Equal(2, rescaled.Metadata.Generation);
    }

    [Fact]
    public void M_1_UnchangedApplyWritesNothing()
    {
        var state = NewState();
        state.Apply(Service("web"));
        var version = state.ResourceVersion;
        state.Apply(Service("web"));
        Assert.Equal(version, state.ResourceVersion);
    }

    [Fact]
    public void M_2_UpdateNeverWritesStatusAndUpdateStatusNeverWritesSpec()
    {
        var state = NewState();
        var pod = state.Create(Pod("p1", "web", "127.1.0.10"));
        var edited = state.Update(pod with { Status = pod.Status with { PodIP = "127.1.0.99" }, Metadata = pod.Metadata with { Labels = Labels.Of(("app", "db")) } });
        Assert.Equal("127.1.0.10", edited.Status.PodIP);
        Assert.Equal("db", edited.Metadata.Labels["app"]);

        var statusOnly = state.UpdateStatus(edited with { Status = edited.Status with { Phase = PodPhases.Failed }, Metadata = edited.Metadata with { Labels = Labels.Of(("app", "x")) } });
        Assert.Equal(PodPhases.Failed, statusOnly.Status.Phase);
        Assert.Equal("db", statusOnly.Metadata.Labels["app"]);
    }

    [Fact]
    public void M_1_CreateClearsControllerOwnedStatus()
    {
        var state = NewState();
        var svc = Service("lb", type: ServiceTypes.LoadBalancer) with
        {
            Status = new ServiceStatus { LoadBalancer = new LoadBalancerStatus { Ingress = [new LoadBalancerIngress { Ip = "127.3.0.200" }] } },
        };
        Assert.Empty(state.Create(svc).Status.LoadBalancer.Ingress);
    }

    [Fact]
    public void POD_3_GracefulDeleteMarksTheConnectionTerminating()
    {
        var time = new FakeTimeProvider(Epoch);
        var state = NewState(time);
        state.Create(Pod("p1", "web", "127.1.0.10"));
        state.Delete<Pod>("default", "p1", new DeleteOptions { GracePeriodSeconds = 30 });
        var terminating = state.Get<Pod>("default", "p1")!;
        Assert.True(terminating.IsTerminating);
        state.Delete<Pod>("default", "p1");
        Assert.Null(state.Get<Pod>("default", "p1"));
    }

    [Fact]
    public void Watch_DeliversEveryChangeInCommitOrder()
    {
        var state = NewState();
        using var watch = state.Watch();
        var web = state.Create(Service("web"));
        state.Update(web with { Metadata = web.Metadata with { Labels = Labels.Of(("v", "2")) } });
        state.Delete<Service>("default", "web");

        var events = Drain(watch);
        Assert.Equal([WatchEventType.Added, WatchEventType.Modified, WatchEventType.Deleted], events.Select(e => e.Type));
        Assert.True(events.Zip(events.Skip(1)).All(p => p.First.ResourceVersion < p.Second.ResourceVersion));
        Assert.Equal(watch.Initial.ResourceVersion + 1, events[0].ResourceVersion);
    }

    [Fact]
    public void Watch_ASlowSubscriberIsToldToResyncAndNeverBuffersWithoutBound()
    {
        var state = NewState();
        using var watch = state.Watch(capacity: 8);
        for (var i = 0; i < 100; i++)
        {
            state.Create(new ConfigMap { Metadata = new ObjectMeta { Name = $"c{i}" } });
        }

        var events = Drain(watch);
        Assert.True(events.Count <= 8, $"{events.Count} events were queued");
        Assert.Contains(events, e => e.Type == WatchEventType.Resync);
        Assert.True(watch.ResyncCount > 0);

        // After the resync the subscriber re-lists and sees everything.
        Assert.Equal(100, state.Current.Count(ObjectKind.ConfigMap));
    }

    [Fact]
    public async Task Watch_DisposeCompletesTheStream()
    {
        var state = NewState();
        var watch = state.Watch();
        watch.Dispose();
        await watch.Events.Completion.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        state.Create(Service("web"));
        Assert.False(watch.Events.TryRead(out _));
    }

    [Fact]
    public async Task RunControllersAsync_SettlesChangesInTheBackgroundAndStopsOnCancel()
    {
        var state = NewState();
        using var watch = state.Watch();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var loop = state.RunControllersAsync(cts.Token);

        state.Create(Service("web"));
        state.Create(Pod("p1", "web", "127.1.0.10"));

        // Wait for the controller's slice write, event-driven.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await foreach (var change in watch.Events.ReadAllAsync(timeout.Token))
        {
            if (change.Object is EndpointSlice slice && slice.Endpoints.Any(e => e.Addresses[0] == "127.1.0.10"))
            {
                break;
            }
        }

        await cts.CancelAsync();
        await loop.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.True(loop.IsCompletedSuccessfully);
    }

    private static List<WatchEvent> Drain(ClusterWatch watch)
    {
        var events = new List<WatchEvent>();
        while (watch.Events.TryRead(out var change))
        {
            events.Add(change);
        }

        return events;
    }
}

public sealed class ClusterStateQueryTests
{
    [Fact]
    public void LBL_6_ListByLabelSelector()
    {
        var state = NewState();
        state.Create(Pod("a", "web") with { Metadata = Pod("a", "web").Metadata with { Labels = Labels.Of(("app", "web"), ("tier", "front")) } });
        state.Create(Pod("b", "web"));
        state.Create(Pod("c", "db"));
        Assert.Equal(["a"], state.List<Pod>("default", RoutingCore.Selectors.Selector.Parse("app=web,tier in (front,back)")).Select(p => p.Name));
        Assert.Equal(["a", "b"], state.List<Pod>(null, RoutingCore.Selectors.Selector.Parse("app==web")).Select(p => p.Name));
        Assert.Equal(["c"], state.List<Pod>("default", RoutingCore.Selectors.Selector.Parse("app!=web")).Select(p => p.Name));
    }

    [Fact]
    public void CLS_1_CreatedIngressesWithoutAClassGetTheNewestDefault()
    {
        var time = new FakeTimeProvider(Epoch);
        var state = NewState(time);
        IngressClass Class(string name, bool isDefault) => new()
        {
            Metadata = new ObjectMeta { Name = name, Annotations = isDefault ? Labels.Of((IngressClass.DefaultClassAnnotation, "true")) : Labels.Empty },
            Spec = new IngressClassSpec { Controller = "routingcore.io/ingress-controller" },
        };
        Ingress Ingress(string name, string? className = null, bool annotated = false) => new()
        {
            Metadata = new ObjectMeta { Name = name, Annotations = annotated ? Labels.Of((Model.Ingress.ClassAnnotation, "legacy")) : Labels.Empty },
            Spec = new IngressSpec
            {
                IngressClassName = className,
                DefaultBackend = new IngressBackend { Service = new IngressServiceBackend { Name = "web", Port = new ServiceBackendPort { Number = 80 } } },
            },
        };

        state.Create(Ingress("before"));
        state.Create(Class("old-default", isDefault: true));
        time.Advance(TimeSpan.FromSeconds(5));
        state.Create(Class("b-default", isDefault: true));
        state.Create(Class("a-default", isDefault: true));
        state.Create(Class("plain", isDefault: false));

        Assert.Null(state.Get<Ingress>("default", "before")!.Spec.IngressClassName);
        Assert.Equal("a-default", state.Create(Ingress("defaulted")).Spec.IngressClassName);
        Assert.Equal("plain", state.Create(Ingress("explicit", "plain")).Spec.IngressClassName);
        Assert.Null(state.Create(Ingress("legacy", annotated: true)).Spec.IngressClassName);

        // Updates are never defaulted.
        var updated = state.Update(Ingress("before") with { Metadata = new ObjectMeta { Name = "before", Labels = Labels.Of(("x", "y")) } });
        Assert.Null(updated.Spec.IngressClassName);
    }
}
