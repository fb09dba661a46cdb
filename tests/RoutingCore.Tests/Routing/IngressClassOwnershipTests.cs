using RoutingCore.Model;
using RoutingCore.Routing;
using static RoutingCore.Tests.Routing.IngressWorld;

namespace RoutingCore.Tests.Routing;

public sealed class IngressClassOwnershipTests
{
    private static IngressClass Class(string name, string controller = IngressControllerOptions.DefaultControllerName) => new()
    {
        Metadata = new ObjectMeta { Name = name },
        Spec = new IngressClassSpec { Controller = controller },
    };

    private static IngressWorld World(bool watchWithoutClass = false)
    {
        var world = new IngressWorld(new IngressControllerOptions { WatchIngressWithoutClass = watchWithoutClass });
        world.Backend("web");
        world.State.Create(Class("ours"));
        world.State.Create(Class("theirs", "example.com/other"));
        return world;
    }

    private static Ingress ForHost(string name, string host, string? className = null, string? annotation = null) =>
        Ingress(name, [Rule(host, Path(PathTypes.Prefix, "/", "web"))], className: className,
            annotations: annotation is null ? null : Labels.Of((Model.Ingress.ClassAnnotation, annotation)));

    [Fact]
    public void CLS_2_ClassNameNamingOurControllerIsServed()
    {
        var world = World();
        world.Add(ForHost("a", "a.example.com", className: "ours"));
        Assert.Equal("web", world.ServiceOf("a.example.com", "/"));
    }

    [Fact]
    public void CLS_2_ClassNameWinsOverTheAnnotation()
    {
        var world = World();
        var ingress = world.Add(ForHost("a", "a.example.com", className: "theirs"));

        // ING-V13 refuses the mismatch on create only; an update may carry both.
        world.State.Update(ingress with { Metadata = ingress.Metadata with { ResourceVersion = "", Annotations = Labels.Of((Model.Ingress.ClassAnnotation, "routingcore")) } });
        Assert.Null(world.ServiceOf("a.example.com", "/"));
    }

    [Fact]
    public void CLS_3_AMissingClassIsNeverExposed()
    {
        var world = World(watchWithoutClass: true);
        world.Add(ForHost("a", "a.example.com", className: "missing"));
        Assert.Null(world.ServiceOf("a.example.com", "/"));
        var entry = Assert.Single(world.Snapshot.Ingresses);
        Assert.Equal("IngressClass \"missing\" does not exist", entry.Reason);
    }

    [Fact]
    public void CLS_2_TheLegacyAnnotationMustEqualOurLegacyName()
    {
        var world = World();
        world.Add(ForHost("a", "a.example.com", annotation: "routingcore"));
        world.Add(ForHost("b", "b.example.com", annotation: "nginx"));
        Assert.Equal("web", world.ServiceOf("a.example.com", "/"));
        Assert.Null(world.ServiceOf("b.example.com", "/"));
    }

    [Theory]
    [InlineData(false, null)]
    [InlineData(true, "web")]
    public void CLS_2_IngressesWithoutAClassFollowWatchIngressWithoutClass(bool watch, string? expected)
    {
        var world = World(watch);
        world.Add(ForHost("a", "a.example.com"));
        Assert.Equal(expected, world.ServiceOf("a.example.com", "/"));
    }

    [Fact]
    public void CLS_3_IgnoredIngressesContributeNoDefaultBackendOrStatus()
    {
        var world = new IngressWorld(new IngressControllerOptions
        {
            WatchIngressWithoutClass = false,
            PublishedAddresses = [new LoadBalancerIngress { Ip = "127.0.0.1" }],
        });
        world.Backend("web");
        world.Add(Ingress("catch-all", [], defaultBackend: To("web")));
        Assert.Equal(RouteTargetKind.ControllerDefault, world.Snapshot.Route("x", "/").Target.Kind);
        Assert.Empty(world.State.Get<Ingress>("default", "catch-all")!.Status.LoadBalancer.Ingress);
    }

    [Fact]
    public void CLS_4_LosingOwnershipRemovesRoutesAndClearsTheStatusWeWrote()
    {
        var world = new IngressWorld(new IngressControllerOptions { PublishedAddresses = [new LoadBalancerIngress { Ip = "127.0.0.1" }] });
        world.Backend("web");
        world.State.Create(Class("ours"));
        world.State.Create(Class("theirs", "example.com/other"));
        world.Add(ForHost("a", "a.example.com", className: "ours"));
        world.State.Sync();
        Assert.Equal("127.0.0.1", Assert.Single(world.State.Get<Ingress>("default", "a")!.Status.LoadBalancer.Ingress).Ip);

        var current = world.State.Get<Ingress>("default", "a")!;
        world.State.Update(current with { Spec = current.Spec with { IngressClassName = "theirs" } });
        Assert.Null(world.ServiceOf("a.example.com", "/"));
        Assert.Empty(world.State.Get<Ingress>("default", "a")!.Status.LoadBalancer.Ingress);
    }

    [Fact]
    public void CLS_4_OwnershipIsReevaluatedWhenAClassChanges()
    {
        var world = World();
        world.Add(ForHost("a", "a.example.com", className: "later"));
        Assert.Null(world.ServiceOf("a.example.com", "/"));
        world.State.Create(Class("later"));
        Assert.Equal("web", world.ServiceOf("a.example.com", "/"));
    }

    [Fact]
    public void CLS_5_ClassParametersArePassedThroughUnchanged()
    {
        var world = World();
        var parameters = new IngressClassParameters { ApiGroup = "example.com", Kind = "Tuning", Name = "fast" };
        world.State.Create(Class("tuned") with { Spec = new IngressClassSpec { Controller = IngressControllerOptions.DefaultControllerName, Parameters = parameters } });
        Assert.Equal(parameters with { Scope = "Cluster" }, world.State.Get<IngressClass>("", "tuned")!.Spec.Parameters);
    }
}
