using RoutingCore.Matching;

namespace RoutingCore.Tests.Matching;

/// <summary>ING-H1..H8 and the fallbacks ING-D1/D2.</summary>
public sealed class HostRuleTests
{
    /// <summary>0: foo.com, 1: *.foo.com, 2: any host — each with Prefix "/".</summary>
    private static readonly HostPathMatcher<int> ThreeGroups = Declaration.Compile(
    [
        Declaration.PathRule("foo.com", PathMatchType.Prefix, "/"),
        Declaration.PathRule("*.foo.com", PathMatchType.Prefix, "/"),
        Declaration.PathRule(null, PathMatchType.Prefix, "/"),
    ]);

    [Theory]
    [InlineData("foo.com")]
    [InlineData("FOO.COM")]
    [InlineData("Foo.Com")]
    [InlineData("foo.com:8080")]
    [InlineData("foo.com.")]
    [InlineData("FOO.com.:443")]
    [InlineData("foo.com:")]
    public void ING_H1_HostIsNormalisedBeforeMatching(string requestHost)
    {
        var match = ThreeGroups.Match(requestHost, "/");
        Assert.Equal((0, HostGroupKind.Exact), (match.RuleId, match.Group));
    }

    [Theory]
    [InlineData("foo.com..")] // only one trailing dot is removed
    [InlineData("foo.com.evil")]
    [InlineData("xfoo.com")]
    [InlineData("fo\u0131.com")] // dotless i must not fold to 'i' (only ASCII is lower-cased)
    public void ING_H1_OnlyOneDotAndOnlyAsciiCaseAreIgnored(string requestHost)
    {
        Assert.NotEqual(HostGroupKind.Exact, ThreeGroups.Match(requestHost, "/").Group);
    }

    [Theory]
    [InlineData("")]
    [InlineData(":80")]
    [InlineData(".")]
    [InlineData("10.0.0.5")]
    [InlineData("10.0.0.5:8080")]
    [InlineData("[::1]")]
    [InlineData("[::1]:80")]
    [InlineData("[2001:db8::1]:443")]
    [InlineData("unknown.org")]
    public void ING_H2_RuleWithoutHostMatchesEveryHost(string requestHost)
    {
        var match = ThreeGroups.Match(requestHost, "/x");
        Assert.Equal((2, HostGroupKind.AnyHost), (match.RuleId, match.Group));
    }

    [Fact]
    public void ING_H3_PreciseHostMatchesOnlyThatHost()
    {
        var matcher = Declaration.Compile([Declaration.PathRule("Foo.com", PathMatchType.Prefix, "/")]);
        Assert.Equal(MatchOutcome.Path, matcher.Match("foo.com", "/").Outcome);
        Assert.Equal(MatchOutcome.None, matcher.Match("a.foo.com", "/").Outcome);
        Assert.Equal(MatchOutcome.None, matcher.Match("foo.co", "/").Outcome);
        Assert.Equal("foo.com", matcher.Rules[0].Host); // rule hosts are lower-cased too
    }

    [Theory]
    [InlineData("bar.foo.com", true)]
    [InlineData("BAR.Foo.com:80", true)]
    [InlineData("\u212Aa.foo.com", true)] // the label may hold anything but a dot
    [InlineData("foo.com", false)]
    [InlineData("baz.bar.foo.com", false)]
    [InlineData(".foo.com", false)]
    [InlineData("barfoo.com", false)]
    public void ING_H4_WildcardCoversExactlyOneLabel(string requestHost, bool matches)
    {
        var matcher = Declaration.Compile([Declaration.PathRule("*.foo.com", PathMatchType.Prefix, "/")]);
        var match = matcher.Match(requestHost, "/");
        Assert.Equal(matches ? HostGroupKind.Wildcard : HostGroupKind.None, match.Group);
    }

    [Theory]
    [InlineData("10.0.0.5")]
    [InlineData("10.0.0.5:80")]
    [InlineData("010.0.0.5")]
    public void ING_H5_IPLiteralOnlyMatchesRulesWithoutHost(string requestHost)
    {
        var matcher = Declaration.Compile(
        [
            Declaration.PathRule("*.0.0.5", PathMatchType.Prefix, "/"),
            Declaration.PathRule(null, PathMatchType.Prefix, "/"),
        ]);
        Assert.Equal((1, HostGroupKind.AnyHost), (matcher.Match(requestHost, "/").RuleId, matcher.Match(requestHost, "/").Group));
        Assert.Equal(0, matcher.Match("x.0.0.5", "/").RuleId);
        Assert.Equal(0, matcher.Match("256.0.0.5", "/").RuleId); // not an IPv4 literal
    }

    [Fact]
    public void ING_H5_BuilderRefusesAnIPAsAPreciseHost()
    {
        Assert.Throws<ArgumentException>(() => new HostPathMatcherBuilder<int>().AddPath("10.0.0.5", PathMatchType.Prefix, "/", 0));
    }

    [Fact]
    public void ING_H6_ExactThenWildcardThenAnyHost()
    {
        Assert.Equal(0, ThreeGroups.Match("foo.com", "/").RuleId);
        Assert.Equal(1, ThreeGroups.Match("a.foo.com", "/").RuleId);
        Assert.Equal(2, ThreeGroups.Match("a.b.foo.com", "/").RuleId);
        Assert.Equal(HostGroupKind.None, Declaration.Compile([Declaration.PathRule("foo.com", PathMatchType.Prefix, "/")]).Match("bar.com", "/").Group);
    }

    [Fact]
    public void ING_H7_NoFallThroughFromTheSelectedGroup()
    {
        var matcher = Declaration.Compile(
        [
            Declaration.PathRule("a.foo.com", PathMatchType.Prefix, "/x"),
            Declaration.PathRule("*.foo.com", PathMatchType.Prefix, "/docs"),
            Declaration.PathRule(null, PathMatchType.Prefix, "/"),
        ]);
        var match = matcher.Match("a.foo.com", "/docs");
        Assert.Equal((MatchOutcome.None, HostGroupKind.Exact), (match.Outcome, match.Group));
        Assert.Equal(MatchOutcome.None, matcher.Match("b.foo.com", "/other").Outcome);
        Assert.Equal(1, matcher.Match("b.foo.com", "/docs/1").RuleId);
    }

    [Fact]
    public void ING_H8_HostWithoutPathsStillCapturesItsHost()
    {
        var matcher = Declaration.Compile(
        [
            new Declaration(DeclarationKind.Host, "a.foo.com", default, null, 0),
            Declaration.PathRule("*.foo.com", PathMatchType.Prefix, "/"),
            Declaration.PathRule(null, PathMatchType.Prefix, "/"),
            new Declaration(DeclarationKind.GlobalFallback, null, default, null, 0),
        ]);
        var match = matcher.Match("a.foo.com", "/anything");
        Assert.Equal((MatchOutcome.GlobalFallback, HostGroupKind.Exact, 2), (match.Outcome, match.Group, match.RuleId));
        Assert.Equal(3, matcher.HostGroupCount);
    }

    [Fact]
    public void ING_D2_GroupFallbackOldestWinsThenGlobal()
    {
        var matcher = Declaration.Compile(
        [
            Declaration.PathRule("foo.com", PathMatchType.Prefix, "/api"),
            new Declaration(DeclarationKind.GroupFallback, "foo.com", default, null, 5),
            new Declaration(DeclarationKind.GroupFallback, "foo.com", default, null, 2),
            new Declaration(DeclarationKind.GlobalFallback, null, default, null, 0),
            Declaration.PathRule("bar.com", PathMatchType.Prefix, "/api"),
        ]);
        Assert.Equal((MatchOutcome.GroupFallback, 2), (matcher.Match("foo.com", "/web").Outcome, matcher.Match("foo.com", "/web").RuleId));
        Assert.Equal((MatchOutcome.GlobalFallback, 3), (matcher.Match("bar.com", "/web").Outcome, matcher.Match("bar.com", "/web").RuleId));
        Assert.Contains(new ShadowedRule(1, 2, ShadowReason.Duplicate), matcher.ShadowedRules);
    }

    [Fact]
    public void ING_D1_GlobalFallbackServesUnknownHostsAndTheLowestOrderWins()
    {
        var builder = new HostPathMatcherBuilder<string>();
        builder.AddPath("foo.com", PathMatchType.Prefix, "/", "foo");
        builder.AddGlobalFallback("newer", order: 7);
        builder.AddGlobalFallback("older", order: 3);
        var matcher = builder.Build();
        var match = matcher.Match("bar.com", "/");
        Assert.Equal((MatchOutcome.GlobalFallback, HostGroupKind.None, "older"), (match.Outcome, match.Group, match.Value));
        Assert.Equal([new ShadowedRule(1, 2, ShadowReason.Duplicate)], matcher.ShadowedRules);
    }

    [Fact]
    public void NoFallbackMeansNone()
    {
        var match = new HostPathMatcherBuilder<string>().Build().Match("foo.com", "/");
        Assert.Equal((MatchOutcome.None, -1, HostGroupKind.None, false), (match.Outcome, match.RuleId, match.Group, match.HasValue));
        Assert.False(match.TryGetValue(out _));
    }
}
