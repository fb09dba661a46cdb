using System.Net;
using RoutingCore.AspNetCore.Tests.Infrastructure;
using RoutingCore.Model;
using static RoutingCore.AspNetCore.Tests.Infrastructure.Cluster;

namespace RoutingCore.AspNetCore.Tests.Headers;

/// <summary>Body, header and request-line limits, keep-alive, and the HTTPS redirect (issue 6 items 5 and 7, ING-T6).</summary>
public sealed class LimitTests
{
    [Fact]
    public async Task ProxyBodySizeAnswers413BeforeContactingTheBackend()
    {
        await using var backend = await TestBackend.StartAsync("b");
        await using var proxy = await ProxyHost.StartAsync();
        proxy.Apply([.. ServiceWith("b", backend.Port), Ingress("i", [Rule("l.example", Path(PathTypes.Prefix, "/", "b"))], annotations: [("proxy-body-size", "1k")])]);
        using var client = proxy.Client();

        using var small = await client.PostAsync("http://l.example/", new ByteArrayContent(new byte[1024]));
        using var large = await client.PostAsync("http://l.example/", new ByteArrayContent(new byte[1025]));

        Assert.Equal(HttpStatusCode.OK, small.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
        Assert.Single(backend.Seen);
    }

    [Fact]
    public async Task ChunkedBodyOverTheLimitAnswers413()
    {
        await using var backend = await TestBackend.StartAsync("b", async context =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null);
            await Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(context.Response, "read");
        });
        await using var proxy = await ProxyHost.StartAsync();
        proxy.Apply([.. ServiceWith("b", backend.Port), Ingress("i", [Rule("l.example", Path(PathTypes.Prefix, "/", "b"))], annotations: [("proxy-body-size", "1k")])]);
        var chunk = new string('x', 600);

        var response = await proxy.RawAsync("POST / HTTP/1.1\r\nHost: l.example\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n" +
            $"258\r\n{chunk}\r\n258\r\n{chunk}\r\n0\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 413", response, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TooManyHeadersAnswer431AndALongRequestLine414()
    {
        await using var proxy = await ProxyHost.StartAsync(o => (o.Limits.MaxRequestHeaderCount, o.Limits.MaxRequestLineSize) = (20, 1024));
        var headers = string.Concat(Enumerable.Range(0, 21).Select(i => $"X-H{i}: v\r\n"));

        var tooMany = await proxy.RawAsync($"GET / HTTP/1.1\r\nHost: l.example\r\n{headers}Connection: close\r\n\r\n");
        var tooLong = await proxy.RawAsync($"GET /{new string('a', 1100)} HTTP/1.1\r\nHost: l.example\r\nConnection: close\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 431", tooMany, StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 414", tooLong, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeepAliveRequestsClosesTheConnectionAfterTheLimit()
    {
        await using var backend = await TestBackend.StartAsync("b");
        await using var proxy = await ProxyHost.StartAsync(o => (o.ConfigMapNamespace, o.ConfigMapName) = ("default", "controller"));
        proxy.Apply([.. ServiceWith("b", backend.Port), ConfigMap("default", "controller", ("keep-alive-requests", "2")),
            Ingress("i", [Rule("k.example", Path(PathTypes.Prefix, "/", "b"))])]);

        var response = await proxy.RawAsync("GET /1 HTTP/1.1\r\nHost: k.example\r\n\r\nGET /2 HTTP/1.1\r\nHost: k.example\r\n\r\nGET /3 HTTP/1.1\r\nHost: k.example\r\n\r\n");

        Assert.Contains("b /2", response, StringComparison.Ordinal);
        Assert.DoesNotContain("b /3", response, StringComparison.Ordinal);
        Assert.Contains("Connection: close", response, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ING_T6_RedirectsToHttpsOnlyWhenAnnotated()
    {
        await using var backend = await TestBackend.StartAsync("b");
        await using var proxy = await ProxyHost.StartAsync(o => o.HttpsRedirectPort = 8443);
        proxy.Apply([
            .. ServiceWith("b", backend.Port),
            Ingress("forced", [Rule("f.example", Path(PathTypes.Prefix, "/", "b"))], annotations: [("force-ssl-redirect", "true")]),
            Ingress("tls", [Rule("t.example", Path(PathTypes.Prefix, "/", "b")), Rule("plain.example", Path(PathTypes.Prefix, "/", "b"))],
                tls: [new IngressTls { Hosts = ["t.example"] }], annotations: [("ssl-redirect", "true")]),
            Ingress("none", [Rule("n.example", Path(PathTypes.Prefix, "/", "b"))], tls: [new IngressTls { Hosts = ["n.example"] }]),
        ]);
        using var client = proxy.Client();

        using var forced = await client.GetAsync("http://F.example/a/b?x=1&y=2");
        using var tls = await client.GetAsync("http://t.example:80/c");
        using var plain = await client.GetAsync("http://plain.example/c");
        using var none = await client.GetAsync("http://n.example/c");
        using var https = await client.GetAsync("https://f.example/a");

        Assert.Equal(HttpStatusCode.PermanentRedirect, forced.StatusCode);
        Assert.Equal("https://f.example:8443/a/b?x=1&y=2", forced.Headers.Location?.OriginalString);
        Assert.Equal("https://t.example:8443/c", tls.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Equal(HttpStatusCode.OK, none.StatusCode);
        Assert.Equal(HttpStatusCode.OK, https.StatusCode);
    }
}
