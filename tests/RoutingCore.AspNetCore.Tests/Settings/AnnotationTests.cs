using System.Net;
using RoutingCore.AspNetCore.Tests.Infrastructure;
using RoutingCore.Model;
using static RoutingCore.AspNetCore.Tests.Infrastructure.Cluster;

namespace RoutingCore.AspNetCore.Tests.Settings;

/// <summary>Per-Ingress annotations and ConfigMap keys, end to end (issue 6 item 6).</summary>
public sealed class AnnotationTests
{
    [Theory]
    [InlineData("Prefix", "/app", "/", "/app/x/y?q=1", "/x/y?q=1")]
    [InlineData("Prefix", "/app/", "/v2/", "/app", "/v2")]
    [InlineData("Prefix", "/", "/base", "/x", "/base/x")]
    [InlineData("Exact", "/old", "/new", "/old?k", "/new?k")]
    public async Task RewriteTargetReplacesTheMatchedPrefixOrPath(string type, string path, string rewrite, string request, string forwarded)
    {
        await using var backend = await TestBackend.StartAsync("b");
        await using var proxy = await ProxyHost.StartAsync();
        proxy.Apply([.. ServiceWith("b", backend.Port), Ingress("i", [Rule("w.example", Path(type, path, "b"))], annotations: [("rewrite-target", rewrite)])]);
        using var client = proxy.Client();

        Assert.Equal("b " + forwarded, await client.GetStringAsync("http://w.example" + request));
    }

    [Fact]
    public async Task CanaryByHeaderAndWeightSplitsTheMainRoute()
    {
        await using var main = await TestBackend.StartAsync("main");
        await using var canary = await TestBackend.StartAsync("canary");
        await using var proxy = await ProxyHost.StartAsync();
        proxy.Apply([
            .. ServiceWith("main", main.Port), .. ServiceWith("canary", canary.Port),
            Ingress("web", [Rule("c.example", Path(PathTypes.Prefix, "/", "main"))]),
            Ingress("web-canary", [Rule("c.example", Path(PathTypes.Prefix, "/", "canary"))],
                annotations: [("canary", "true"), ("canary-by-header", "X-Canary"), ("canary-weight", "25")]),
        ]);
        using var client = proxy.Client();

        async Task<string> Get(string? header)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "http://c.example/");
            if (header is not null)
            {
                request.Headers.Add("X-Canary", header);
            }

            using var response = await client.SendAsync(request);
            return (await response.Content.ReadAsStringAsync()).Split(' ')[0];
        }

        Assert.Equal("canary", await Get("always"));
        Assert.Equal("main", await Get("never"));
        var split = new List<string>();
        for (var i = 0; i < 400; i++)
        {
            split.Add(await Get(null));
        }

        var share = split.Count(s => s == "canary") / 400.0;
        Assert.InRange(share, 0.15, 0.35); // 25 % ± 10 points; the weight draws from Random.Shared
    }

    [Fact]
    public async Task AffinityCookieKeepsAClientOnOneEndpoint()
    {
        await using var one = await TestBackend.StartAsync("one");
        await using var two = await TestBackend.StartAsync("two");
        await using var three = await TestBackend.StartAsync("three");
        await using var proxy = await ProxyHost.StartAsync();
        proxy.Apply([.. ServiceWith("svc", one.Port, two.Port, three.Port),
            Ingress("i", [Rule("a.example", Path(PathTypes.Prefix, "/", "svc"))], annotations: [("affinity", "cookie"), ("session-cookie-name", "sticky")])]);
        using var client = proxy.Client();

        using var first = await client.GetAsync("http://a.example/");
        var setCookie = Assert.Single(first.Headers.GetValues("Set-Cookie"));
        var cookie = setCookie.Split(';')[0];
        var backend = (await first.Content.ReadAsStringAsync()).Split(' ')[0];
        var later = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "http://a.example/");
            request.Headers.Add("Cookie", cookie);
            using var response = await client.SendAsync(request);
            Assert.False(response.Headers.Contains("Set-Cookie"));
            later.Add((await response.Content.ReadAsStringAsync()).Split(' ')[0]);
        }

        Assert.StartsWith("sticky=", setCookie, StringComparison.Ordinal);
        Assert.Contains("Path=/", setCookie, StringComparison.Ordinal);
        Assert.All(later, b => Assert.Equal(backend, b));
    }

    [Fact]
    public async Task ING_B7_RoundRobinByDefaultAndLoadBalanceAnnotationStillReachesEveryEndpoint()
    {
        await using var one = await TestBackend.StartAsync("one");
        await using var two = await TestBackend.StartAsync("two");
        await using var proxy = await ProxyHost.StartAsync();
        proxy.Apply([.. ServiceWith("svc", one.Port, two.Port),
            Ingress("rr", [Rule("rr.example", Path(PathTypes.Prefix, "/", "svc"))]),
            Ingress("lr", [Rule("lr.example", Path(PathTypes.Prefix, "/", "svc"))], annotations: [("load-balance", "least_request")])]);
        using var client = proxy.Client();

        var roundRobin = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            roundRobin.Add((await client.GetStringAsync("http://rr.example/")).Split(' ')[0]);
        }

        for (var i = 0; i < 10; i++)
        {
            await client.GetStringAsync("http://lr.example/");
        }

        Assert.Equal(5, roundRobin.Count(b => b == "one"));
        Assert.All(roundRobin.Zip(roundRobin.Skip(1)), pair => Assert.NotEqual(pair.First, pair.Second));
        Assert.True(one.Seen.Count > 5 && two.Seen.Count > 5);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("random")]
    public async Task AFF_1_ServiceClientIPAffinityIsHonouredWhateverTheLoadBalanceAnnotation(string? algorithm)
    {
        await using var one = await TestBackend.StartAsync("one");
        await using var two = await TestBackend.StartAsync("two");
        await using var proxy = await ProxyHost.StartAsync();
        proxy.Apply([Service("svc", affinity: ServicePolicies.ClientIP), Slice("svc", "svc-0", one.Port), Slice("svc", "svc-1", two.Port),
            Ingress("i", [Rule("a.example", Path(PathTypes.Prefix, "/", "svc"))], annotations: algorithm is null ? null : [("load-balance", algorithm)])]);
        using var client = proxy.Client();

        var seen = new HashSet<string>();
        for (var i = 0; i < 12; i++)
        {
            seen.Add((await client.GetStringAsync("http://a.example/")).Split(' ')[0]);
        }

        Assert.Single(seen);
    }

    [Fact]
    public async Task ConfigMapChangesApplyToTheNextRequestAndBadValuesAreReported()
    {
        await using var backend = await TestBackend.StartAsync("b");
        await using var proxy = await ProxyHost.StartAsync(o => (o.ConfigMapNamespace, o.ConfigMapName) = ("default", "controller"));
        proxy.Apply([.. ServiceWith("b", backend.Port), Ingress("i", [Rule("m.example", Path(PathTypes.Prefix, "/", "b"))]),
            ConfigMap("default", "controller", ("proxy-body-size", "10"))]);
        using var client = proxy.Client();

        using var refused = await client.PostAsync("http://m.example/", new ByteArrayContent(new byte[11]));
        proxy.Apply(ConfigMap("default", "controller", ("proxy-body-size", "20"), ("server-tokens", "maybe")));
        using var accepted = await client.PostAsync("http://m.example/", new ByteArrayContent(new byte[11]));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("ConfigMap default/controller: key server-tokens: invalid value \"maybe\": expected true or false",
            Assert.Single(proxy.Proxy.Current.Errors).ToString());
    }

    [Fact]
    public async Task TheControllerConfigMapCanBeChosenWhileTheProxyRuns()
    {
        await using var backend = await TestBackend.StartAsync("b");
        await using var proxy = await ProxyHost.StartAsync();
        proxy.Apply([.. ServiceWith("b", backend.Port), Ingress("i", [Rule("m.example", Path(PathTypes.Prefix, "/", "b"))]),
            ConfigMap("kube-system", "settings", ("proxy-body-size", "10"))]);
        using var client = proxy.Client();

        using var before = await client.PostAsync("http://m.example/", new ByteArrayContent(new byte[11]));
        proxy.Proxy.UseControllerConfigMap("kube-system", "settings");
        using var chosen = await client.PostAsync("http://m.example/", new ByteArrayContent(new byte[11]));
        proxy.Apply(ConfigMap("kube-system", "settings", ("proxy-body-size", "20")));
        using var edited = await client.PostAsync("http://m.example/", new ByteArrayContent(new byte[11]));
        proxy.Proxy.UseControllerConfigMap("kube-system", null);
        using var dropped = await client.PostAsync("http://m.example/", new ByteArrayContent(new byte[30]));

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chosen.StatusCode);
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal(HttpStatusCode.OK, dropped.StatusCode);
        Assert.Null(proxy.Proxy.ControllerConfigMap);
    }
}
