using System.Net;
using RoutingCore.AspNetCore.Tests.Infrastructure;
using RoutingCore.Model;
using static RoutingCore.AspNetCore.Tests.Infrastructure.Cluster;

namespace RoutingCore.AspNetCore.Tests.Routing;

/// <summary>End-to-end routing through real Kestrel: hosts, paths, default backends, 404 and 503 (spec §6).</summary>
public sealed class RoutingTests
{
    [Fact]
    public async Task ING_H6_P4_D1_D2_D3_RoutesByHostPathAndDefaultBackends()
    {
        await using var shop = await TestBackend.StartAsync("shop");
        await using var api = await TestBackend.StartAsync("api");
        await using var wild = await TestBackend.StartAsync("wild");
        await using var fallback = await TestBackend.StartAsync("fallback");
        await using var catchAll = await TestBackend.StartAsync("catch-all");
        await using var proxy = await ProxyHost.StartAsync();
        proxy.Apply([
            .. ServiceWith("shop", shop.Port), .. ServiceWith("api", api.Port), .. ServiceWith("wild", wild.Port),
            .. ServiceWith("fallback", fallback.Port), .. ServiceWith("catch-all", catchAll.Port),
            Ingress("shop", [Rule("shop.example", Path(PathTypes.Prefix, "/", "shop"), Path(PathTypes.Prefix, "/api", "api"))]),
            Ingress("wild", [Rule("*.example", Path(PathTypes.Exact, "/w", "wild"))], defaultBackend: To("fallback")),
            Ingress("global", [], defaultBackend: To("catch-all")),
        ]);
        using var client = proxy.Client();

        Assert.Equal("shop /cart?x=1", await client.GetStringAsync("http://shop.example/cart?x=1"));
        Assert.Equal("api /api/orders", await client.GetStringAsync("http://SHOP.example:8080/api/orders"));
        Assert.Equal("shop /apix", await client.GetStringAsync("http://shop.example/apix"));
        Assert.Equal("wild /w", await client.GetStringAsync("http://a.example/w"));
        Assert.Equal("fallback /other", await client.GetStringAsync("http://a.example/other"));
        Assert.Equal("catch-all /w", await client.GetStringAsync("http://b.a.example/w"));
    }

    [Fact]
    public async Task ING_D3_NoRouteAnswersDefaultBackend404()
    {
        await using var proxy = await ProxyHost.StartAsync();
        using var client = proxy.Client();

        using var response = await client.GetAsync("http://nothing.example/x");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("default backend - 404", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("missing", "the Service does not exist")]
    [InlineData("empty", "the Service has no ready endpoints")]
    [InlineData("unready", "the Service has no ready endpoints")]
    public async Task ING_B4_UnresolvableBackendAnswers503WithRetryAfter(string service, string reason)
    {
        await using var proxy = await ProxyHost.StartAsync();
        proxy.Apply(
            Service("empty"), Service("unready"), Slice("unready", "unready-0", 1, ready: false),
            Ingress("i", [Rule("x.example", Path(PathTypes.Prefix, "/", service))]));
        using var client = proxy.Client();

        using var response = await client.GetAsync("http://x.example/");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        Assert.Equal("503 Service Unavailable: " + reason, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ING_B6_ResourceBackendWithoutHandlerAnswers503()
    {
        await using var proxy = await ProxyHost.StartAsync();
        proxy.Apply(Ingress("i", [], defaultBackend: new IngressBackend { Resource = new TypedLocalObjectReference("k8s.example.com", "StorageBucket", "static") }));
        using var client = proxy.Client();

        using var response = await client.GetAsync("http://x.example/");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Theory]
    [InlineData("/a/b/../c", "/a/c")]
    [InlineData("/a/%2e%2E/c", "/c")]
    [InlineData("/%7Euser/%41b", "/~user/Ab")]
    [InlineData("/a%2fb/..", "/")]
    [InlineData("/a%2fb/x", "/a%2Fb/x")]
    [InlineData("/a%20b?q=%2e%2e", "/a%20b?q=%2e%2e")]
    [InlineData("/x/./y//z", "/x/y//z")]
    public async Task ING_P0_ForwardsExactlyTheNormalisedPathThatWasMatched(string sent, string forwarded)
    {
        await using var backend = await TestBackend.StartAsync("b");
        await using var proxy = await ProxyHost.StartAsync();
        proxy.Apply([.. ServiceWith("b", backend.Port), Ingress("i", [Rule("x.example", Path(PathTypes.Prefix, "/", "b"))])]);

        var response = await proxy.RawAsync($"GET {sent} HTTP/1.1\r\nHost: x.example\r\nConnection: close\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 200", response, StringComparison.Ordinal);
        Assert.EndsWith("b " + forwarded, response, StringComparison.Ordinal);
        Assert.Equal(forwarded, Assert.Single(backend.Seen).Target);
    }

    [Fact]
    public async Task ING_P0_DotSegmentsCannotEscapeTheMatchedPrefix()
    {
        await using var open = await TestBackend.StartAsync("open");
        await using var admin = await TestBackend.StartAsync("admin");
        await using var proxy = await ProxyHost.StartAsync();
        proxy.Apply([
            .. ServiceWith("open", open.Port), .. ServiceWith("admin", admin.Port),
            Ingress("i", [Rule("x.example", Path(PathTypes.Prefix, "/public", "open"), Path(PathTypes.Prefix, "/admin", "admin"))]),
        ]);

        var response = await proxy.RawAsync("GET /public/%2e%2e/admin/keys HTTP/1.1\r\nHost: x.example\r\nConnection: close\r\n\r\n");

        Assert.EndsWith("admin /admin/keys", response, StringComparison.Ordinal);
        Assert.Empty(open.Seen);
    }

    [Theory]
    [InlineData("/a%00b", false)]
    [InlineData("/a%0Ab", false)]
    [InlineData("/a%zz", false)]
    [InlineData("/a%2Fb", true)]
    public async Task ING_P0_RefusesNulControlBadEscapesAndOptionallyEncodedSlashes(string path, bool onlyWhenRejectingSlashes)
    {
        await using var backend = await TestBackend.StartAsync("b");
        await using var proxy = await ProxyHost.StartAsync(o => o.EncodedSlashes = Hosting.EncodedSlashHandling.Reject);
        proxy.Apply([.. ServiceWith("b", backend.Port), Ingress("i", [Rule(null, Path(PathTypes.Prefix, "/", "b"))])]);

        var response = await proxy.RawAsync($"GET {path} HTTP/1.1\r\nHost: x.example\r\nConnection: close\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 400", response, StringComparison.Ordinal);
        Assert.Empty(backend.Seen);
        _ = onlyWhenRejectingSlashes;
    }
}
