using RoutingCore.Matching;

namespace RoutingCore.Tests.Matching;

/// <summary>Builder validation, duplicate reporting (ING-M3), wide trie nodes and the zero-allocation promise.</summary>
public sealed class BuilderTests
{
    [Fact]
    public void ING_M3_DuplicateLowestOrderWinsAndEachLoserIsReported()
    {
        var matcher = Declaration.Compile(
        [
            Declaration.PathRule("foo.com", PathMatchType.Prefix, "/api", order: 30),
            Declaration.PathRule("FOO.com", PathMatchType.Prefix, "/api", order: 10),
            Declaration.PathRule("foo.com", PathMatchType.Prefix, "/api", order: 20),
            Declaration.PathRule("bar.com", PathMatchType.Prefix, "/api", order: 40), // other host: no conflict
        ]);
        Assert.Equal(1, matcher.Match("foo.com", "/api/x").RuleId);
        Assert.Equal(
            [new ShadowedRule(0, 1, ShadowReason.Duplicate), new ShadowedRule(2, 1, ShadowReason.Duplicate)],
            matcher.ShadowedRules);
    }

    [Fact]
    public void ING_M3_SamePathWithDifferentTypesIsNoConflict()
    {
        var matcher = Declaration.Compile(
        [
            Declaration.PathRule("foo.com", PathMatchType.Prefix, "/a"),
            Declaration.PathRule("foo.com", PathMatchType.Exact, "/a"),
        ]);
        Assert.Empty(matcher.ShadowedRules);
        Assert.Equal(1, matcher.Match("foo.com", "/a").RuleId);
        Assert.Equal(0, matcher.Match("foo.com", "/a/b").RuleId);
    }

    [Fact]
    public void ING_M3_EqualOrderKeysFallBackToCallOrder()
    {
        var matcher = Declaration.Compile(
        [
            Declaration.PathRule(null, PathMatchType.Exact, "/a", order: 1),
            Declaration.PathRule(null, PathMatchType.Exact, "/a", order: 1),
        ]);
        Assert.Equal(0, matcher.Match("", "/a").RuleId);
        Assert.Equal([new ShadowedRule(1, 0, ShadowReason.Duplicate)], matcher.ShadowedRules);
    }

    [Fact]
    public void EquivalentSpellingsAreReportedAsNeverChosen()
    {
        var matcher = Declaration.Compile(
        [
            Declaration.PathRule(null, PathMatchType.Prefix, "/a"),
            Declaration.PathRule(null, PathMatchType.Prefix, "/a/"),
            Declaration.PathRule(null, PathMatchType.ImplementationSpecific, "/a"),
            Declaration.PathRule(null, PathMatchType.ImplementationSpecific, ""),
            Declaration.PathRule(null, PathMatchType.ImplementationSpecific, "/"),
        ]);
        Assert.Equal(
        [
            new ShadowedRule(0, 1, ShadowReason.EquivalentPath),
            new ShadowedRule(2, 1, ShadowReason.EquivalentPath),
            new ShadowedRule(4, 3, ShadowReason.Duplicate), // ING-P3: "" and "/" are the same path
        ],
            matcher.ShadowedRules);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("*.")]
    [InlineData("a.*.com")]
    [InlineData("*.*.com")]
    [InlineData("f*.com")]
    [InlineData("foo.com.")]
    [InlineData("foo.com:80")]
    [InlineData("[::1]")]
    [InlineData("caf\u00e9.com")]
    [InlineData("foo bar.com")]
    [InlineData("192.168.0.1")]
    public void MalformedHostsAreRefused(string host)
    {
        Assert.Throws<ArgumentException>(() => new HostPathMatcherBuilder<int>().AddPath(host, PathMatchType.Prefix, "/", 0));
        Assert.Throws<ArgumentException>(() => new HostPathMatcherBuilder<int>().AddHost(host));
    }

    [Fact]
    public void HostsLongerThanADnsNameAreRefused()
    {
        Assert.Throws<ArgumentException>(() => new HostPathMatcherBuilder<int>().AddHost(new string('a', 254)));
        new HostPathMatcherBuilder<int>().AddHost(new string('a', 253));
    }

    [Theory]
    [InlineData(PathMatchType.Exact, "")]
    [InlineData(PathMatchType.Prefix, null)]
    [InlineData(PathMatchType.Prefix, "api")]
    [InlineData(PathMatchType.ImplementationSpecific, "api")]
    public void PathsMustBeAbsolute(PathMatchType type, string? path)
    {
        Assert.Throws<ArgumentException>(() => new HostPathMatcherBuilder<int>().AddPath(null, type, path, 0));
    }

    [Fact]
    public void BuiltMatchersIgnoreLaterAdditions()
    {
        var builder = new HostPathMatcherBuilder<string>();
        builder.AddPath(null, PathMatchType.Prefix, "/", "first");
        var before = builder.Build();
        builder.AddPath(null, PathMatchType.Prefix, "/x", "second");
        Assert.Equal("first", before.Match("h", "/x").Value);
        Assert.Equal("second", builder.Build().Match("h", "/x").Value);
        Assert.Equal("second", builder.Build().GetValue(1));
    }

    [Fact]
    public void WideNodesAndLongHostsMatch()
    {
        var declarations = new List<Declaration>();
        for (var i = 0; i < 40; i++)
        {
            declarations.Add(Declaration.PathRule("wide.com", PathMatchType.Prefix, $"/s{i}"));
            declarations.Add(Declaration.PathRule("wide.com", PathMatchType.Exact, $"/s{i}/leaf{i % 3}"));
            declarations.Add(Declaration.PathRule($"h{i}.com", PathMatchType.Prefix, "/"));
        }

        var longSuffix = string.Join('.', Enumerable.Repeat("abcdefghi", 20)); // 199 chars
        declarations.Add(Declaration.PathRule("*." + longSuffix, PathMatchType.Prefix, "/"));
        var matcher = Declaration.Compile(declarations);
        var reference = new ReferenceMatcher(declarations);
        string[] hosts = ["wide.com", "h7.com", "H39.COM", "x." + longSuffix, new string('x', 100) + "." + longSuffix, "h40.com"];
        string[] paths = ["/s17", "/s17/leaf2", "/s17/leaf1", "/s39/", "/s40", "/", "/s1/x/y"];
        foreach (var host in hosts)
        {
            foreach (var path in paths)
            {
                var match = matcher.Match(host, path);
                Assert.Equal(reference.Decide(host, path), (match.Outcome, match.RuleId, match.Group));
            }
        }
    }

    [Fact]
    public void MatchAllocatesNothing()
    {
        var matcher = Declaration.Compile(
        [
            Declaration.PathRule("foo.com", PathMatchType.Prefix, "/api"),
            Declaration.PathRule("*.foo.com", PathMatchType.Exact, "/x"),
            Declaration.PathRule(null, PathMatchType.Prefix, "/"),
            new Declaration(DeclarationKind.GlobalFallback, null, default, null, 0),
        ]);
        string[] hosts = ["FOO.com:443", "a.foo.com", "\u212Aa.foo.com", "[::1]:80", "", new string('h', 300)];
        string[] paths = ["/api/v1?x=1", "/x", "/none", ""];
        var total = 0L;
        for (var round = 0; round < 2; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 2_000; i++)
            {
                total += matcher.Match(hosts[i % hosts.Length], paths[i % paths.Length]).RuleId;
            }

            if (round == 1)
            {
                Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
            }
        }

        Assert.NotEqual(0, total);
    }
}
