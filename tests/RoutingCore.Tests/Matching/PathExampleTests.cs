using RoutingCore.Matching;

namespace RoutingCore.Tests.Matching;

/// <summary>The worked examples T1–T24 of spec §6.2, each against the compiled matcher and the reference matcher.</summary>
public sealed class PathExampleTests
{
    private const string Host = "example.com";

    /// <summary>
    /// Rules are "Type path[@order]" separated by '|'. Expected is the index of the winning rule, or -1 for "no match"
    /// (the group fallback applies, ING-D2).
    /// </summary>
    public static TheoryData<string, string, string, int> Examples => new()
    {
        { "T1", "Prefix /", "/", 0 },
        { "T1", "Prefix /", "/anything/at/all", 0 },
        { "T1", "Prefix /", "/a//b/", 0 },
        { "T2", "Exact /foo", "/foo", 0 },
        { "T3", "Exact /foo", "/bar", -1 },
        { "T4", "Exact /foo", "/foo/", -1 },
        { "T5", "Exact /foo/", "/foo", -1 },
        { "T6", "Prefix /foo", "/foo", 0 },
        { "T6", "Prefix /foo", "/foo/", 0 },
        { "T7", "Prefix /foo/", "/foo", 0 },
        { "T7", "Prefix /foo/", "/foo/", 0 },
        { "T8", "Prefix /aaa/bb", "/aaa/bbb", -1 },
        { "T9", "Prefix /aaa/bbb", "/aaa/bbb", 0 },
        { "T10", "Prefix /aaa/bbb/", "/aaa/bbb", 0 },
        { "T11", "Prefix /aaa/bbb", "/aaa/bbb/", 0 },
        { "T12", "Prefix /aaa/bbb", "/aaa/bbb/ccc", 0 },
        { "T13", "Prefix /aaa/bbb", "/aaa/bbbxyz", -1 },
        { "T14", "Prefix /|Prefix /aaa", "/aaa/ccc", 1 },
        { "T15", "Prefix /|Prefix /aaa|Prefix /aaa/bbb", "/aaa/bbb", 2 },
        { "T16", "Prefix /|Prefix /aaa|Prefix /aaa/bbb", "/ccc", 0 },
        { "T17", "Prefix /aaa", "/ccc", -1 },
        { "T18", "Prefix /foo|Exact /foo", "/foo", 1 },
        { "T19", "Prefix /foo|Prefix /foo/", "/foo", 1 },
        { "T20", "Exact /foo|Prefix /foo/", "/foo", 0 },
        { "T21", "Exact /v1/|Prefix /v1", "/v1/", 0 },
        { "T22", "Prefix /api", "/API", -1 },
        { "T23", "Prefix /api", "/api?x=/y", 0 },
        { "T23", "Prefix /api", "/apix?/api", -1 },
        { "T24", "Exact /a@2|Exact /a@1", "/a", 1 }, // X (order 1, older) is declared second and still wins
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public void ING_P1_P4_WorkedExamples(string example, string rules, string requestPath, int expected)
    {
        var declarations = Parse(rules).Append(new Declaration(DeclarationKind.GroupFallback, Host, default, null, 0)).ToList();
        var fallbackId = declarations.Count - 1;
        var match = Declaration.Compile(declarations).Match(Host, requestPath);

        var expectedId = expected >= 0 ? expected : fallbackId;
        var expectedOutcome = expected >= 0 ? MatchOutcome.Path : MatchOutcome.GroupFallback;
        Assert.True(expectedOutcome == match.Outcome && expectedId == match.RuleId, $"{example}: got {match.Outcome} #{match.RuleId}");
        Assert.Equal((expectedOutcome, expectedId, HostGroupKind.Exact), new ReferenceMatcher(declarations).Decide(Host, requestPath));
    }

    [Fact]
    public void ING_P3_ImplementationSpecificIsPrefixAndEmptyMeansRoot()
    {
        var matcher = Declaration.Compile(
        [
            Declaration.PathRule(Host, PathMatchType.ImplementationSpecific, ""),
            Declaration.PathRule(Host, PathMatchType.ImplementationSpecific, "/aaa/bb"),
        ]);
        Assert.Equal(0, matcher.Match(Host, "/whatever").RuleId);
        Assert.Equal(1, matcher.Match(Host, "/aaa/bb/c").RuleId);
        Assert.Equal(0, matcher.Match(Host, "/aaa/bbb").RuleId); // element-wise, like Prefix
    }

    [Fact]
    public void ING_P4_PrefixBeatsImplementationSpecificAtEqualLength()
    {
        var matcher = Declaration.Compile(
        [
            Declaration.PathRule(Host, PathMatchType.ImplementationSpecific, "/a/", order: 0),
            Declaration.PathRule(Host, PathMatchType.Prefix, "/a", order: 9),
        ]);
        Assert.Equal(1, matcher.Match(Host, "/a/b").RuleId); // step 2 comes before step 3 (longer raw path) and step 4
    }

    [Fact]
    public void ING_P4_LongestMatchWinsOverTypeAndAge()
    {
        var matcher = Declaration.Compile(
        [
            Declaration.PathRule(Host, PathMatchType.Exact, "/a", order: 0),
            Declaration.PathRule(Host, PathMatchType.ImplementationSpecific, "/a/b", order: 5),
        ]);
        Assert.Equal(1, matcher.Match(Host, "/a/b").RuleId);
        Assert.Equal(0, matcher.Match(Host, "/a").RuleId);
    }

    [Fact]
    public void ING_P0_PathIsComparedByteForByteWithoutDecoding()
    {
        var matcher = Declaration.Compile(
        [
            Declaration.PathRule(Host, PathMatchType.Prefix, "/a%2Fb"),
            Declaration.PathRule(Host, PathMatchType.Exact, "/caf\u00e9"),
        ]);
        Assert.Equal(0, matcher.Match(Host, "/a%2Fb/c").RuleId);
        Assert.Equal(MatchOutcome.None, matcher.Match(Host, "/a/b").Outcome);
        Assert.Equal(MatchOutcome.None, matcher.Match(Host, "/a%2fb").Outcome);
        Assert.Equal(1, matcher.Match(Host, "/caf\u00e9#top").RuleId);
        Assert.Equal(MatchOutcome.None, matcher.Match(Host, "/CAF\u00c9").Outcome);
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("?q=1", 0)]
    [InlineData("#frag", 0)]
    [InlineData("*", 1)]
    [InlineData("a/b", 1)]
    public void ING_P0_EmptyPathIsRootAndOtherFormsOnlyMatchPrefixRoot(string requestPath, int expected)
    {
        var matcher = Declaration.Compile(
        [
            Declaration.PathRule(Host, PathMatchType.Exact, "/"),
            Declaration.PathRule(Host, PathMatchType.Prefix, "/"),
            Declaration.PathRule(Host, PathMatchType.Prefix, "/a"),
        ]);
        Assert.Equal(expected, matcher.Match(Host, requestPath).RuleId);
    }

    private static IEnumerable<Declaration> Parse(string rules) =>
        rules.Split('|').Select(rule =>
        {
            var parts = rule.Split(' ', '@');
            return Declaration.PathRule(Host, Enum.Parse<PathMatchType>(parts[0]), parts[1], parts.Length > 2 ? long.Parse(parts[2]) : 0);
        });
}
