using RoutingCore.Matching;

namespace RoutingCore.Tests.Matching;

/// <summary>The &lt;example&gt; snippets of the public XML docs, run as written, so the docs cannot drift.</summary>
public sealed class DocumentationExampleTests
{
    [Fact]
    public void BuilderExample()
    {
        var builder = new HostPathMatcherBuilder<string>();
        builder.AddPath("shop.example.com", PathMatchType.Prefix, "/", "shop-web");
        builder.AddPath("shop.example.com", PathMatchType.Prefix, "/api", "shop-api");
        builder.AddPath("*.example.com", PathMatchType.Prefix, "/", "tenant-web");
        builder.AddGlobalFallback("default-404");
        HostPathMatcher<string> matcher = builder.Build();

        Assert.Equal("shop-api", matcher.Match("Shop.Example.com:443", "/api/orders?id=1").Value);
        Assert.Equal("tenant-web", matcher.Match("acme.example.com", "/anything").Value);
        Assert.Equal(MatchOutcome.GlobalFallback, matcher.Match("other.org", "/").Outcome);
    }

    [Fact]
    public void MatcherExample()
    {
        var builder = new HostPathMatcherBuilder<string>();
        builder.AddPath("example.com", PathMatchType.Prefix, "/docs", "docs");
        builder.AddPath("example.com", PathMatchType.Exact, "/docs", "docs-index");
        var matcher = builder.Build();

        var hit = matcher.Match("EXAMPLE.com:8080", "/docs");
        Assert.Equal(("docs-index", MatchOutcome.Path), (hit.Value, hit.Outcome));
        var report = matcher.Explain("example.com", "/docs/x").ToString();
        Assert.Contains("winner     #0 Prefix /docs on example.com (order 0): the only path that matches", report, StringComparison.Ordinal);
        Assert.Contains("no match   #1 Exact /docs on example.com (order 0): the path is not exactly \"/docs\"", report, StringComparison.Ordinal);
    }
}
