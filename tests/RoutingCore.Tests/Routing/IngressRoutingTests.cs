using RoutingCore.Matching;
using RoutingCore.Model;
using RoutingCore.Routing;
using static RoutingCore.Tests.Routing.IngressWorld;

namespace RoutingCore.Tests.Routing;

public sealed class IngressRoutingTests
{
    private static IngressWorld World(params string[] services)
    {
        var world = new IngressWorld();
        foreach (var service in services)
        {
            world.Backend(service);
        }

        return world;
    }

    [Fact]
    public void ING_M1_RulesOfOneHostMergeAcrossIngressesAndNamespaces()
    {
        var world = World("web");
        world.State.Create(new Namespace { Metadata = new ObjectMeta { Name = "shop" } });
        world.Backend("api", ns: "shop");
        world.Add(Ingress("site", [Rule("example.com", Path(PathTypes.Prefix, "/", "web"))]));
        world.Add(Ingress("api", [Rule("example.com", Path(PathTypes.Prefix, "/api", "api"))], ns: "shop"));

        var api = world.Snapshot.Route("example.com", "/api/v1").Target.Service!;
        Assert.Equal(("shop", "api"), (api.Namespace, api.ServiceName)); // ING-M2: resolved in the declaring namespace
        Assert.Equal("web", world.ServiceOf("example.com", "/about"));
    }

    [Fact]
    public void ING_M3_T24_TheOlderIngressWinsADuplicatePathAndTheLoserIsReported()
    {
        var world = World("old", "new");
        var warnings = new List<RoutingCore.State.ClusterWarning>();
        world.State.Warning += (_, w) => warnings.Add(w);
        world.Add(Ingress("x", [Rule("example.com", Path(PathTypes.Exact, "/a", "old"))]));
        world.Add(Ingress("y", [Rule("example.com", Path(PathTypes.Exact, "/a", "new"))]));

        Assert.Equal("old", world.ServiceOf("example.com", "/a"));
        var duplicate = Assert.Single(world.Snapshot.Diagnostics, d => d.Code == LintCodes.DuplicatePath);
        Assert.Equal("y", duplicate.Object.Name);
        Assert.Equal("http://example.com/a", duplicate.ExampleRequest);
        Assert.Equal("DuplicateIngressPath", Assert.Single(warnings).Reason);
    }

    [Fact]
    public void ING_M3_DifferentPathTypesAreNotAConflict()
    {
        var world = World("exact", "prefix");
        world.Add(Ingress("x", [Rule("example.com", Path(PathTypes.Prefix, "/foo", "prefix"))]));
        world.Add(Ingress("y", [Rule("example.com", Path(PathTypes.Exact, "/foo", "exact"))]));
        Assert.Equal("exact", world.ServiceOf("example.com", "/foo"));      // T18
        Assert.Equal("prefix", world.ServiceOf("example.com", "/foo/bar"));
        Assert.DoesNotContain(world.Snapshot.Diagnostics, d => d.Code == LintCodes.DuplicatePath);
    }

    [Fact]
    public void ING_H7_NoFallThroughFromAnExactHostToAWildcard()
    {
        var world = World("exact", "wild");
        world.Add(Ingress("a", [Rule("foo.example.com", Path(PathTypes.Exact, "/only", "exact"))]));
        world.Add(Ingress("b", [Rule("*.example.com", Path(PathTypes.Prefix, "/", "wild"))]));

        Assert.Equal("wild", world.ServiceOf("bar.example.com", "/x"));
        var route = world.Snapshot.Route("foo.example.com", "/x");
        Assert.Equal(RouteTargetKind.ControllerDefault, route.Target.Kind);
        Assert.Equal(HostGroupKind.Exact, route.Group);
        var hidden = Assert.Single(world.Snapshot.Diagnostics, d => d.Code == LintCodes.WildcardHidden);
        Assert.Equal("http://foo.example.com/", hidden.ExampleRequest);
    }

    [Fact]
    public void ING_D1_ARulelessIngressDefaultBackendCatchesEverythingElse()
    {
        var world = World("catch", "web");
        world.Add(Ingress("rules", [Rule("example.com", Path(PathTypes.Prefix, "/app", "web"))]));
        world.Add(Ingress("catch-all", [], defaultBackend: To("catch")));
        Assert.Equal("catch", world.ServiceOf("other.org", "/anything"));
        Assert.Equal("catch", world.ServiceOf("example.com", "/elsewhere")); // no group fallback: global one
        Assert.Equal(MatchOutcome.GlobalFallback, world.Snapshot.Route("other.org", "/").Outcome);
    }

    [Fact]
    public void ING_D1_TheOldestRulelessIngressWins()
    {
        var world = World("first", "second");
        world.Add(Ingress("b-first", [], defaultBackend: To("first")));
        world.Add(Ingress("a-second", [], defaultBackend: To("second")));
        Assert.Equal("first", world.ServiceOf("x", "/"));
    }

    [Fact]
    public void ING_D2_AGroupFallsBackToTheDefaultBackendOfAnIngressWithRulesThere()
    {
        var world = World("web", "site-default", "global");
        world.Add(Ingress("site", [Rule("example.com", Path(PathTypes.Prefix, "/app", "web"))], defaultBackend: To("site-default")));
        world.Add(Ingress("catch-all", [], defaultBackend: To("global")));

        var route = world.Snapshot.Route("example.com", "/other");
        Assert.Equal(MatchOutcome.GroupFallback, route.Outcome);
        Assert.Equal("site-default", route.Target.Service!.ServiceName);
        Assert.Equal("global", world.ServiceOf("other.org", "/"));
    }

    [Fact]
    public void ING_D3_WithNoDefaultBackendTheControllerAnswers404()
    {
        var world = World("web");
        world.Add(Ingress("site", [Rule("example.com", Path(PathTypes.Prefix, "/app", "web"))]));
        var route = world.Snapshot.Route("example.com", "/other");
        Assert.Equal(RouteTargetKind.ControllerDefault, route.Target.Kind);
        Assert.Same(RouteTarget.ControllerDefault, route.Target);
    }

    [Fact]
    public void ING_H8_AHostWithoutHttpStillClaimsItsHost()
    {
        var world = World("any");
        world.Add(Ingress("hostless", [Rule(null, Path(PathTypes.Prefix, "/", "any"))]));
        world.Add(Ingress("claim", [new IngressRule { Host = "claimed.example.com" }]));
        Assert.Equal("any", world.ServiceOf("free.example.com", "/"));
        Assert.Equal(RouteTargetKind.ControllerDefault, world.Snapshot.Route("claimed.example.com", "/").Target.Kind);
    }

    [Fact]
    public void ING_B1_PortsResolveByNumberOrName()
    {
        var world = World("web");
        world.Add(Ingress("by-number", [Rule("n.example.com", Path(PathTypes.Prefix, "/", "web"))]));
        world.Add(Ingress("by-name", [Rule("m.example.com", new HttpIngressPath { PathType = PathTypes.Prefix, Path = "/", Backend = ToNamed("web", "http") })]));
        Assert.Equal(80, world.Snapshot.Route("n.example.com", "/").Target.Service!.Port!.Port);
        Assert.Equal(80, world.Snapshot.Route("m.example.com", "/").Target.Service!.Port!.Port);
    }

    [Fact]
    public void ING_B2_EndpointsComeFromTheServicePortsSlicePort()
    {
        var world = World();
        world.Backend("web", pods: 3);
        world.Add(Ingress("site", [Rule("example.com", Path(PathTypes.Prefix, "/", "web"))]));
        var backend = world.Snapshot.Route("example.com", "/").Target.Service!;
        Assert.Equal(BackendStatus.Ready, backend.Status);
        Assert.Equal(3, backend.Endpoints!.Candidates.Length);
        Assert.All(backend.Endpoints.Candidates, e => Assert.Equal(8080, e.Port));
    }

    [Fact]
    public void ING_B3_ServingTerminatingEndpointsOnlyWhenNoneIsReady()
    {
        var world = World();
        world.Backend("web", pods: 2);
        world.Add(Ingress("site", [Rule("example.com", Path(PathTypes.Prefix, "/", "web"))]));
        world.State.Sync();
        world.State.Delete<Pod>("default", "web-0", new RoutingCore.State.DeleteOptions { GracePeriodSeconds = 30 });
        Assert.Single(world.Snapshot.Route("example.com", "/").Target.Service!.Endpoints!.Candidates);

        world.State.Delete<Pod>("default", "web-1", new RoutingCore.State.DeleteOptions { GracePeriodSeconds = 30 });
        var set = world.Snapshot.Route("example.com", "/").Target.Service!.Endpoints!;
        Assert.Equal(2, set.Candidates.Length);
        Assert.Equal(RoutingCore.Balancing.EndpointCategory.ServingTerminating, set.CandidateCategory);
    }

    [Theory]
    [InlineData("missing", 80, BackendStatus.ServiceNotFound, LintCodes.MissingService)]
    [InlineData("web", 81, BackendStatus.PortNotFound, LintCodes.MissingPort)]
    public void ING_B4_UnresolvableBackendsStillRouteAndAreLinted(string service, int port, BackendStatus status, string code)
    {
        var world = World("web");
        world.Add(Ingress("site", [Rule("example.com", new HttpIngressPath { PathType = PathTypes.Prefix, Path = "/", Backend = To(service, port) })]));
        Assert.Equal(status, world.Snapshot.Route("example.com", "/").Target.Service!.Status);
        var diagnostic = Assert.Single(world.Snapshot.Diagnostics, d => d.Code == code);
        Assert.Equal("http://example.com/", diagnostic.ExampleRequest);
    }

    [Fact]
    public void ING_B4_NoReadyEndpoints()
    {
        var world = World();
        world.Backend("web", pods: 0);
        world.Add(Ingress("site", [Rule("example.com", Path(PathTypes.Prefix, "/", "web"))]));
        Assert.Equal(BackendStatus.NoEndpoints, world.Snapshot.Route("example.com", "/").Target.Service!.Status);
    }

    [Fact]
    public void ING_M5_BackendsFollowServiceAndEndpointChanges()
    {
        var world = World();
        world.Add(Ingress("site", [Rule("example.com", Path(PathTypes.Prefix, "/", "web"))]));
        Assert.Equal(BackendStatus.ServiceNotFound, world.Snapshot.Route("example.com", "/").Target.Service!.Status);
        world.Backend("web", pods: 1);
        Assert.Equal(BackendStatus.Ready, world.Snapshot.Route("example.com", "/").Target.Service!.Status);
    }

    [Fact]
    public void ING_B5_ExternalNameServicesRouteToTheirName()
    {
        var world = World();
        world.State.Create(new Service
        {
            Metadata = new ObjectMeta { Name = "docs" },
            Spec = new ServiceSpec { Type = ServiceTypes.ExternalName, ExternalName = "docs.example.org.", Ports = [new ServicePort { Port = 443 }] },
        });
        world.Add(Ingress("site", [Rule("example.com", new HttpIngressPath { PathType = PathTypes.Prefix, Path = "/", Backend = To("docs", 443) })]));
        var backend = world.Snapshot.Route("example.com", "/").Target.Service!;
        Assert.Equal((BackendStatus.ExternalName, "docs.example.org"), (backend.Status, backend.ExternalName));
    }

    [Fact]
    public void ING_B6_ResourceBackendsAreReturnedForTheHost()
    {
        var world = World();
        var resource = new TypedLocalObjectReference("storage.example.com", "Bucket", "assets");
        world.Add(Ingress("site", [Rule("example.com", new HttpIngressPath { PathType = PathTypes.Prefix, Path = "/", Backend = new IngressBackend { Resource = resource } })]));
        var target = world.Snapshot.Route("example.com", "/x").Target;
        Assert.Equal((RouteTargetKind.Resource, resource), (target.Kind, target.Resource));
    }

    [Fact]
    public void ING_B7_RoundRobinReachesEveryEndpointAndClientIPAffinitySticks()
    {
        var world = World();
        world.Backend("web", pods: 3);
        world.Add(Ingress("site", [Rule("example.com", Path(PathTypes.Prefix, "/", "web"))]));
        var set = world.Snapshot.Route("example.com", "/").Target.Service!.Endpoints!;
        var seen = new HashSet<string>();
        for (var i = 0; i < 6; i++)
        {
            Assert.True(set.TrySelect(RoutingCore.Balancing.SelectionContext.None, out var lease));
            seen.Add(lease.Endpoint.Address);
            lease.Complete(RoutingCore.Balancing.EndpointOutcome.Success);
        }

        Assert.Equal(3, seen.Count);

        var web = world.State.Get<Service>("default", "web")!;
        world.State.Update(web with { Spec = web.Spec with { SessionAffinity = ServicePolicies.ClientIP } });
        var sticky = world.Snapshot.Route("example.com", "/").Target.Service!.Endpoints!;
        var client = RoutingCore.Balancing.SelectionContext.None.WithClientAddress(System.Net.IPAddress.Loopback);
        var picked = new HashSet<string>();
        for (var i = 0; i < 6; i++)
        {
            Assert.True(sticky.TrySelect(client, out var lease));
            picked.Add(lease.Endpoint.Address);
            lease.Complete(RoutingCore.Balancing.EndpointOutcome.Success);
        }

        Assert.Single(picked);
    }

    [Fact]
    public void ING_S1_ServedIngressesGetThePublishedAddresses()
    {
        var world = new IngressWorld(new IngressControllerOptions
        {
            WatchIngressWithoutClass = true,
            PublishedAddresses = [new LoadBalancerIngress { Ip = "127.0.0.1" }, new LoadBalancerIngress { Hostname = "ingress.local" }],
        });
        world.Add(Ingress("site", [Rule("example.com", Path(PathTypes.Prefix, "/", "missing"))]));
        world.State.Sync();
        var status = world.State.Get<Ingress>("default", "site")!.Status.LoadBalancer.Ingress;
        Assert.Equal(["127.0.0.1", null], status.Select(s => s.Ip));
        Assert.Equal([null, "ingress.local"], status.Select(s => s.Hostname));
    }

    [Fact]
    public void M_3_AStatusOnlyWriteDoesNotRebuildTheTable()
    {
        var world = World("web");
        world.Add(Ingress("site", [Rule("example.com", Path(PathTypes.Prefix, "/", "web"))]));
        var before = world.Snapshot;
        var site = world.State.Get<Ingress>("default", "site")!;
        world.State.UpdateStatus(site with { Status = new IngressStatus { LoadBalancer = new LoadBalancerStatus { Ingress = [new LoadBalancerIngress { Ip = "127.0.0.9" }] } } });
        Assert.Same(before, world.Snapshot);
    }

    [Fact]
    public void Explain_TellsTheWinnerTheLosersAndTheBackend()
    {
        var world = World("web", "api");
        world.Add(Ingress("site", [Rule("example.com", Path(PathTypes.Prefix, "/", "web"), Path(PathTypes.Prefix, "/api", "api"))]));
        var explanation = world.Snapshot.Explain("Example.com:8080", "/api/orders?id=1");
        var text = explanation.ToString();
        Assert.Equal("api", explanation.Target.Service!.ServiceName);
        Assert.Equal(world.Snapshot.Route("Example.com:8080", "/api/orders?id=1").Target, explanation.Target);
        Assert.Contains("Ingress default/site spec.rules[0].http.paths[1] -> service default/api:80", text, StringComparison.Ordinal);
        Assert.Contains("backend: default/api:80 Ready", text, StringComparison.Ordinal);
        Assert.Equal([CandidateVerdict.Winner, CandidateVerdict.Outranked], explanation.Match.Candidates.Select(c => c.Verdict));
    }
}
