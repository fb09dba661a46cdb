using RoutingCore.Model;
using RoutingCore.Routing;
using static RoutingCore.Tests.Routing.IngressWorld;

namespace RoutingCore.Tests.Routing;

public sealed class IngressTlsTests
{
    private static IngressTls Tls(string? secret, params string[] hosts) => new() { SecretName = secret, Hosts = [.. hosts] };

    [Fact]
    public void ING_T2_ExactThenWildcardThenHostlessThenDefault()
    {
        var world = new IngressWorld();
        world.Backend("web");
        world.State.Create(TlsSecret("exact", "shop.example.com"));
        world.State.Create(TlsSecret("wild", "*.example.com"));
        world.State.Create(TlsSecret("fallback", "fallback"));
        world.Add(Ingress("site", [Rule("shop.example.com", Path(PathTypes.Prefix, "/", "web"))],
            tls: [Tls("exact", "shop.example.com"), Tls("wild", "*.example.com"), Tls("fallback")]));

        var table = world.Snapshot.Tls;
        Assert.Equal("exact", table.Find("SHOP.example.com.")!.SecretName);
        Assert.Equal("wild", table.Find("other.example.com")!.SecretName);
        Assert.Equal("fallback", table.Find("a.b.example.com")!.SecretName); // one label only
        Assert.NotNull(table.Find("shop.example.com")!.Certificate);
        Assert.True(table.Find("shop.example.com")!.Certificate!.HasPrivateKey);
    }

    [Fact]
    public void ING_T2_TheOldestIngressWinsAHost()
    {
        var world = new IngressWorld();
        world.Backend("web");
        world.State.Create(TlsSecret("old", "example.com"));
        world.State.Create(TlsSecret("new", "example.com"));
        world.Add(Ingress("old", [Rule("example.com", Path(PathTypes.Prefix, "/", "web"))], tls: [Tls("old", "example.com")]));
        world.Add(Ingress("new", [Rule("example.com", Path(PathTypes.Prefix, "/x", "web"))], tls: [Tls("new", "example.com")]));
        Assert.Equal("old", world.Snapshot.Tls.Find("example.com")!.SecretName);
    }

    [Fact]
    public void ING_T1_ABrokenSecretFallsBackToTheDefaultCertificateAndIsReported()
    {
        var world = new IngressWorld();
        world.Backend("web");
        var broken = TlsSecret("broken", "example.com");
        world.State.Create(broken with { Data = broken.Data.SetItem("tls.crt", [.. "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n"u8]) });
        world.Add(Ingress("site", [Rule("example.com", Path(PathTypes.Prefix, "/", "web"))], tls: [Tls("broken", "example.com"), Tls("absent", "other.example.com")]));

        var binding = world.Snapshot.Tls.Find("example.com")!;
        Assert.Null(binding.Certificate);
        Assert.StartsWith("secret default/broken does not hold a PEM certificate", binding.Error, StringComparison.Ordinal);
        Assert.Equal("secret default/absent not found", world.Snapshot.Tls.Find("other.example.com")!.Error);
        Assert.Equal(2, world.Snapshot.Diagnostics.Count(d => d.Code == LintCodes.BadTlsSecret));
        Assert.Equal("web", world.ServiceOf("example.com", "/")); // routing is unaffected
    }

    [Fact]
    public void ING_T3_AnEntryWithoutSecretUsesTheDefaultCertificate()
    {
        var world = new IngressWorld();
        world.Backend("web");
        world.Add(Ingress("site", [Rule("example.com", Path(PathTypes.Prefix, "/", "web"))], tls: [Tls(null, "example.com")]));
        var binding = world.Snapshot.Tls.Find("example.com")!;
        Assert.Null(binding.Certificate);
        Assert.Null(binding.Error);
    }

    [Fact]
    public void ING_T5_TlsHostsWithoutRulesAreLinted()
    {
        var world = new IngressWorld();
        world.Backend("web");
        world.State.Create(TlsSecret("cert", "example.com"));
        world.Add(Ingress("site", [Rule("example.com", Path(PathTypes.Prefix, "/", "web"))], tls: [Tls("cert", "example.com", "orphan.example.com")]));
        var diagnostic = Assert.Single(world.Snapshot.Diagnostics, d => d.Code == LintCodes.TlsHostWithoutRule);
        Assert.Equal("https://orphan.example.com/", diagnostic.ExampleRequest);
    }

    [Fact]
    public void ING_T1_TlsFromIgnoredIngressesIsNotUsed()
    {
        var world = new IngressWorld(new IngressControllerOptions { WatchIngressWithoutClass = false });
        world.State.Create(TlsSecret("cert", "example.com"));
        world.Add(Ingress("site", [Rule("example.com", Path(PathTypes.Prefix, "/", "web"))], tls: [Tls("cert", "example.com")]));
        Assert.Null(world.Snapshot.Tls.Find("example.com"));
        Assert.Single(world.Snapshot.Diagnostics, d => d.Code == LintCodes.IgnoredByClass);
    }
}
