using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using RoutingCore.AspNetCore.Tests.Infrastructure;
using RoutingCore.Model;
using static RoutingCore.AspNetCore.Tests.Infrastructure.Cluster;

namespace RoutingCore.AspNetCore.Tests.Tls;

/// <summary>HTTPS termination with certificates chosen by SNI from Ingress tls entries (ING-T1..T5).</summary>
public sealed class TlsTests
{
    [Fact]
    public async Task ING_T2_CertificateBySniDefaultForUnknownNamesAndBadSecretsAffectOnlyTheirHosts()
    {
        await using var backend = await TestBackend.StartAsync("b");
        await using var proxy = await ProxyHost.StartAsync();
        proxy.Apply([
            .. ServiceWith("b", backend.Port),
            TlsSecret("a-tls", "a.example"),
            TlsSecret("wild-tls", "*.w.example"),
            TlsSecret("broken-tls", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", "junk", "default"),
            Ingress("i", [Rule(null, Path(PathTypes.Prefix, "/", "b"))], tls: [
                new IngressTls { Hosts = ["a.example"], SecretName = "a-tls" },
                new IngressTls { Hosts = ["*.w.example"], SecretName = "wild-tls" },
                new IngressTls { Hosts = ["broken.example"], SecretName = "broken-tls" },
            ]),
        ]);

        Assert.Equal("CN=a.example", await SubjectAsync(proxy, "a.example"));
        Assert.Equal("CN=*.w.example", await SubjectAsync(proxy, "x.w.example"));
        Assert.Equal(AspNetCore.Tls.DefaultCertificate.SubjectName, await SubjectAsync(proxy, "y.x.w.example"));
        Assert.Equal(AspNetCore.Tls.DefaultCertificate.SubjectName, await SubjectAsync(proxy, "unknown.example"));
        Assert.Equal(AspNetCore.Tls.DefaultCertificate.SubjectName, await SubjectAsync(proxy, "broken.example"));
        Assert.Contains(proxy.Proxy.Current.Routing.Tls.Bindings, b => b.SecretName == "broken-tls" && b.Error is not null);
    }

    [Fact]
    public async Task ING_T1_RenewedSecretIsServedOnTheNextHandshake()
    {
        await using var backend = await TestBackend.StartAsync("b");
        await using var proxy = await ProxyHost.StartAsync();
        proxy.Apply([
            .. ServiceWith("b", backend.Port), TlsSecret("a-tls", "first.a.example"),
            Ingress("i", [Rule("a.example", Path(PathTypes.Prefix, "/", "b"))], tls: [new IngressTls { Hosts = ["a.example"], SecretName = "a-tls" }]),
        ]);
        Assert.Equal("CN=first.a.example", await SubjectAsync(proxy, "a.example"));

        proxy.Apply(TlsSecret("a-tls", "second.a.example"));

        Assert.Equal("CN=second.a.example", await SubjectAsync(proxy, "a.example"));
    }

    [Fact]
    public async Task ING_T4_SniPicksTheCertificateAndHostPicksTheRoute()
    {
        await using var one = await TestBackend.StartAsync("one");
        await using var two = await TestBackend.StartAsync("two");
        await using var proxy = await ProxyHost.StartAsync();
        proxy.Apply([
            .. ServiceWith("one", one.Port), .. ServiceWith("two", two.Port), TlsSecret("one-tls", "one.example"),
            Ingress("i", [Rule("one.example", Path(PathTypes.Prefix, "/", "one")), Rule("two.example", Path(PathTypes.Prefix, "/", "two"))],
                tls: [new IngressTls { Hosts = ["one.example"], SecretName = "one-tls" }]),
        ]);

        var response = await proxy.RawTlsAsync("one.example", "GET /x HTTP/1.1\r\nHost: two.example\r\nConnection: close\r\n\r\n");

        Assert.EndsWith("two /x", response, StringComparison.Ordinal);
        Assert.Equal("CN=one.example", proxy.LastServerCertificate?.Subject);
        Assert.Equal("https", Assert.Single(two.Seen).Headers["X-Forwarded-Proto"]);
    }

    [Fact]
    public async Task Http2FromClientsOverTlsNegotiatedByAlpn()
    {
        await using var backend = await TestBackend.StartAsync("b");
        await using var proxy = await ProxyHost.StartAsync();
        proxy.Apply([.. ServiceWith("b", backend.Port), TlsSecret("a-tls", "a.example"),
            Ingress("i", [Rule("a.example", Path(PathTypes.Prefix, "/", "b"))], tls: [new IngressTls { Hosts = ["a.example"], SecretName = "a-tls" }])]);
        using var client = proxy.Client(HttpVersion.Version20);
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://a.example/h2") { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact };

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Equal("b /h2", await response.Content.ReadAsStringAsync());
        Assert.Equal("CN=a.example", proxy.LastServerCertificate?.Subject);
        Assert.Equal("HTTP/1.1", Assert.Single(backend.Seen).Protocol);
    }

    private static async Task<string?> SubjectAsync(ProxyHost proxy, string host)
    {
        using var client = proxy.Client();
        using var response = await client.GetAsync($"https://{host}/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return proxy.LastServerCertificate?.Subject;
    }
}
