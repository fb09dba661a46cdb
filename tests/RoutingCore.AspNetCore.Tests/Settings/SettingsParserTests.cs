using RoutingCore.AspNetCore.Paths;
using RoutingCore.AspNetCore.Settings;
using RoutingCore.Model;
using static RoutingCore.AspNetCore.Tests.Infrastructure.Cluster;

namespace RoutingCore.AspNetCore.Tests.Settings;

/// <summary>Annotation and ConfigMap parsing into typed settings; ING-P0 normalisation as a pure function.</summary>
public sealed class SettingsParserTests
{
    [Fact]
    public void AnnotationsParseIntoTypedSettings()
    {
        var errors = new List<SettingsError>();
        var settings = IngressAnnotationParser.Parse(Ingress("web", [], annotations: [
            ("backend-protocol", "grpc"), ("load-balance", "ewma"), ("rewrite-target", "/v2"), ("proxy-body-size", "8m"),
            ("proxy-read-timeout", "120"), ("proxy-send-timeout", "500ms"), ("ssl-redirect", "false"), ("force-ssl-redirect", "true"),
            ("affinity", "cookie"), ("session-cookie-name", "route"), ("session-cookie-max-age", "3600"), ("session-cookie-samesite", "Lax"),
        ]), errors);

        Assert.Empty(errors);
        Assert.Equal(new IngressSettings
        {
            BackendProtocol = BackendProtocol.Grpc,
            LoadBalance = LoadBalanceAlgorithm.PowerOfTwoChoices,
            RewriteTarget = "/v2",
            ProxyBodySize = 8L << 20,
            ProxyReadTimeout = TimeSpan.FromSeconds(120),
            ProxySendTimeout = TimeSpan.FromMilliseconds(500),
            SslRedirect = false,
            ForceSslRedirect = true,
            AffinityCookie = new AffinityCookieSettings { Name = "route", MaxAge = TimeSpan.FromHours(1), SameSite = "Lax" },
        }, settings);
    }

    [Fact]
    public void BadAnnotationValuesAreErrorsNamingTheIngressAndKeyAndFallBackToDefaults()
    {
        var errors = new List<SettingsError>();
        var settings = IngressAnnotationParser.Parse(Ingress("web", [], ns: "shop", annotations: [
            ("proxy-body-size", "12q"), ("rewrite-target", "/$1"), ("backend-protocol", "FCGI"), ("proxy-read-timeout", "-1"),
            ("use-regex", "true"), ("canary-weight", "10"), ("load-balance", "fastest"), ("rewrite-target-x", "y"),
        ]), errors);

        Assert.Equal(IngressSettings.None, settings);
        Assert.Equal([
            "Ingress shop/web: annotation nginx.ingress.kubernetes.io/backend-protocol: invalid value \"FCGI\": AUTO_HTTP and FCGI are not supported; expected HTTP, HTTPS, GRPC, GRPCS or H2C",
            "Ingress shop/web: annotation nginx.ingress.kubernetes.io/canary: invalid value \"\": canary-* annotations need canary: \"true\"; they are ignored",
            "Ingress shop/web: annotation nginx.ingress.kubernetes.io/load-balance: invalid value \"fastest\": expected round_robin, random, least_request, ewma or power_of_two_choices",
            "Ingress shop/web: annotation nginx.ingress.kubernetes.io/proxy-body-size: invalid value \"12q\": expected a size in bytes with an optional unit k, m or g, such as 8m; 0 means no limit",
            "Ingress shop/web: annotation nginx.ingress.kubernetes.io/proxy-read-timeout: invalid value \"-1\": expected seconds such as 60, or a number with a unit: 500ms, 60s, 2m, 1h",
            "Ingress shop/web: annotation nginx.ingress.kubernetes.io/rewrite-target-x: invalid value \"y\": not supported by RoutingCore; the annotation is ignored",
            "Ingress shop/web: annotation nginx.ingress.kubernetes.io/rewrite-target: invalid value \"/$1\": capture groups ($1) need regular-expression paths, which RoutingCore does not support; give a path such as / or /v2",
            "Ingress shop/web: annotation nginx.ingress.kubernetes.io/use-regex: invalid value \"true\": not supported by RoutingCore; the annotation is ignored",
        ], errors.Select(e => e.ToString()).Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public void ConfigMapKeysOverrideDefaultsAndBadOnesAreNamed()
    {
        var errors = new List<SettingsError>();
        var settings = ControllerConfigMapParser.Parse(ConfigMap("ingress", "controller",
            ("proxy-connect-timeout", "2"), ("proxy-body-size", "10m"), ("keep-alive", "30"), ("keep-alive-requests", "50"),
            ("ssl-protocols", "TLSv1.3"), ("use-forwarded-headers", "yes"), ("server-tokens", "true"), ("ssl-protocols-x", "ignored"),
            ("client-header-timeout", "1h30")), ControllerSettings.Default, errors);

        Assert.Equal(TimeSpan.FromSeconds(2), settings.ProxyConnectTimeout);
        Assert.Equal(10L << 20, settings.ProxyBodySize);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.KeepAlive);
        Assert.Equal(50, settings.KeepAliveRequests);
        Assert.Equal(System.Security.Authentication.SslProtocols.Tls13, settings.SslProtocols);
        Assert.True(settings.ServerTokens);
        Assert.False(settings.UseForwardedHeaders);
        Assert.Equal(ControllerSettings.Default.ClientHeaderTimeout, settings.ClientHeaderTimeout);
        Assert.Equal([
            "ConfigMap ingress/controller: key client-header-timeout: invalid value \"1h30\": expected seconds such as 60, or a number with a unit: 500ms, 60s, 2m, 1h",
            "ConfigMap ingress/controller: key use-forwarded-headers: invalid value \"yes\": expected true or false",
        ], errors.Select(e => e.ToString()).ToList());
    }

    [Theory]
    [InlineData("/", "/")]
    [InlineData("", "/")]
    [InlineData("/a/./b/../c/", "/a/c/")]
    [InlineData("/a/b/..", "/a/")]
    [InlineData("/..", "/")]
    [InlineData("/../../x", "/x")]
    [InlineData("/%2E%2e/x", "/x")]
    [InlineData("/%61%62%2d%5F%7e", "/ab-_~")]
    [InlineData("/a%2fb/../c", "/c")]
    [InlineData("/a%2fb/c", "/a%2Fb/c")]
    [InlineData("/a%5cb", "/a%5Cb")]
    [InlineData("/caf%c3%a9", "/caf%C3%A9")]
    [InlineData("/a//b", "/a//b")]
    [InlineData("http://h.example:8080/x/../y?q", "/y")]
    [InlineData("http://h.example", "/")]
    [InlineData("/p?a=/../b#frag", "/p")]
    public void ING_P0_Normalises(string raw, string expected)
    {
        Assert.Equal(PathStatus.Ok, PathNormalizer.Normalize(raw, rejectEncodedSlashes: false, mergeSlashes: false, out var target));
        Assert.Equal(expected, target.Path);
    }

    [Theory]
    [InlineData("/a//b///c", "/a/b/c")]
    [InlineData("//", "/")]
    [InlineData("/a//", "/a/")]
    public void ING_P0_MergesSlashesOnlyWhenAsked(string raw, string expected)
    {
        Assert.Equal(PathStatus.Ok, PathNormalizer.Normalize(raw, rejectEncodedSlashes: false, mergeSlashes: true, out var target));
        Assert.Equal(expected, target.Path);
    }

    [Theory]
    [InlineData("/a%00", false, "ControlCharacter")]
    [InlineData("/a\u0001", false, "ControlCharacter")]
    [InlineData("/a%7F", false, "ControlCharacter")]
    [InlineData("/a%", false, "InvalidEncoding")]
    [InlineData("/a%g1", false, "InvalidEncoding")]
    [InlineData("/a%2F", true, "EncodedSlash")]
    [InlineData("/a%5c", true, "EncodedSlash")]
    [InlineData("*", false, "NotAPath")]
    [InlineData("h.example:443", false, "NotAPath")]
    public void ING_P0_Refuses(string raw, bool rejectSlashes, string expected) =>
        Assert.Equal(expected, PathNormalizer.Normalize(raw, rejectSlashes, mergeSlashes: false, out _).ToString());

    [Fact]
    public void ING_P0_QueryIsKeptVerbatim()
    {
        PathNormalizer.Normalize("/x/%2e?a=%2e%2e&b=/../c#f", false, false, out var target);

        Assert.Equal("/x/", target.Path);
        Assert.Equal("?a=%2e%2e&b=/../c", target.Query.ToString());
    }
}
