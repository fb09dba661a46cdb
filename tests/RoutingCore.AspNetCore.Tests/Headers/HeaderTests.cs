using System.Net;
using Microsoft.AspNetCore.Http;
using RoutingCore.AspNetCore.Tests.Infrastructure;
using RoutingCore.Model;
using static RoutingCore.AspNetCore.Tests.Infrastructure.Cluster;

namespace RoutingCore.AspNetCore.Tests.Headers;

/// <summary>Forwarded headers, trusted proxies and hop-by-hop handling (issue 6 item 4, ING-B8).</summary>
public sealed class HeaderTests
{
    [Fact]
    public async Task ING_B8_UntrustedPeerForwardedHeadersAreReplacedAndConnectionListedHeadersRemoved()
    {
        await using var backend = await TestBackend.StartAsync("b");
        await using var proxy = await ProxyHost.StartAsync();
        proxy.Apply([.. ServiceWith("b", backend.Port), Ingress("i", [Rule("h.example", Path(PathTypes.Prefix, "/", "b"))])]);

        var response = await proxy.RawAsync(
            "GET /p HTTP/1.1\r\nHost: h.example:8080\r\nX-Forwarded-For: 1.2.3.4\r\nX-Real-IP: 9.9.9.9\r\nX-Forwarded-Host: evil.example\r\n" +
            "X-Forwarded-Proto: https\r\nX-Forwarded-Port: 443\r\nForwarded: for=1.2.3.4\r\nX-Secret: s\r\nKeep-Alive: timeout=5\r\n" +
            "Connection: X-Secret, X-Forwarded-For\r\nContent-Length: 0\r\n\r\n" +
            "GET /done HTTP/1.1\r\nHost: h.example\r\nConnection: close\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 200", response, StringComparison.Ordinal);
        Assert.True(backend.Seen.TryDequeue(out var first));
        var seen = first.Headers;
        Assert.Equal("h.example:8080", seen["Host"]);
        Assert.Equal("127.0.0.1", seen["X-Forwarded-For"]);
        Assert.Equal("127.0.0.1", seen["X-Real-IP"]);
        Assert.Equal("h.example:8080", seen["X-Forwarded-Host"]);
        Assert.Equal("http", seen["X-Forwarded-Proto"]);
        Assert.Equal(proxy.HttpPort.ToString(System.Globalization.CultureInfo.InvariantCulture), seen["X-Forwarded-Port"]);
        Assert.False(seen.ContainsKey("Forwarded"));
        Assert.False(seen.ContainsKey("X-Secret"));
        Assert.False(seen.ContainsKey("Keep-Alive"));
    }

    [Fact]
    public async Task TrustedProxyHeadersAreKeptAndOurHopAppended()
    {
        await using var backend = await TestBackend.StartAsync("b");
        await using var proxy = await ProxyHost.StartAsync(o => o.TrustedProxies.Add(IPNetwork.Parse("127.0.0.0/8")));
        proxy.Apply([.. ServiceWith("b", backend.Port), Ingress("i", [Rule("h.example", Path(PathTypes.Prefix, "/", "b"))])]);
        using var client = proxy.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://h.example/p");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7, 127.0.0.9");
        request.Headers.Add("X-Forwarded-Host", "orig.example");
        request.Headers.Add("X-Forwarded-Proto", "https");

        using var response = await client.SendAsync(request);

        var seen = Assert.Single(backend.Seen).Headers;
        Assert.Equal("203.0.113.7, 127.0.0.9, 127.0.0.1", seen["X-Forwarded-For"]);
        Assert.Equal("203.0.113.7", seen["X-Real-IP"]);
        Assert.Equal("orig.example", seen["X-Forwarded-Host"]);
        Assert.Equal("https", seen["X-Forwarded-Proto"]);
    }

    [Fact]
    public async Task ConfigMapUseForwardedHeadersTrustsProxyRealIpCidr()
    {
        await using var backend = await TestBackend.StartAsync("b");
        await using var proxy = await ProxyHost.StartAsync(o => (o.ConfigMapNamespace, o.ConfigMapName) = ("ingress", "controller"));
        proxy.Apply([
            new Namespace { Metadata = new ObjectMeta { Name = "ingress" } },
            ConfigMap("ingress", "controller", ("use-forwarded-headers", "true"), ("proxy-real-ip-cidr", "127.0.0.0/8")),
            .. ServiceWith("b", backend.Port), Ingress("i", [Rule("h.example", Path(PathTypes.Prefix, "/", "b"))]),
        ]);
        using var client = proxy.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://h.example/p");
        request.Headers.Add("X-Forwarded-For", "198.51.100.1");

        using var response = await client.SendAsync(request);

        Assert.Equal("198.51.100.1", Assert.Single(backend.Seen).Headers["X-Real-IP"]);
    }

    [Fact]
    public async Task ResponseHeadersNamedByTheBackendsConnectionHeaderAreRemoved()
    {
        await using var backend = await TestBackend.StartAsync("b", context =>
        {
            context.Response.Headers["X-Internal"] = "1";
            context.Response.Headers["X-Public"] = "2";
            context.Response.Headers.Connection = "X-Internal";
            return context.Response.WriteAsync("ok");
        });
        await using var proxy = await ProxyHost.StartAsync();
        proxy.Apply([.. ServiceWith("b", backend.Port), Ingress("i", [Rule("h.example", Path(PathTypes.Prefix, "/", "b"))])]);
        using var client = proxy.Client();

        using var response = await client.GetAsync("http://h.example/");

        Assert.False(response.Headers.Contains("X-Internal"));
        Assert.Equal("2", Assert.Single(response.Headers.GetValues("X-Public")));
    }
}
