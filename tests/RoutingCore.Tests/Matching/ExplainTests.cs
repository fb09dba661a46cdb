using RoutingCore.Matching;

namespace RoutingCore.Tests.Matching;

/// <summary>Explain reports the decision Match makes, with the reasons behind it.</summary>
public sealed class ExplainTests
{
    private static readonly HostPathMatcher<int> Matcher = Declaration.Compile(
    [
        Declaration.PathRule("*.foo.com", PathMatchType.Prefix, "/"),
        Declaration.PathRule("*.foo.com", PathMatchType.Prefix, "/aaa"),
        Declaration.PathRule("*.foo.com", PathMatchType.Exact, "/aaa"),
        Declaration.PathRule("*.foo.com", PathMatchType.Prefix, "/aaa/bbb"),
        Declaration.PathRule("*.foo.com", PathMatchType.Exact, "/zzz", order: 4),
        Declaration.PathRule("*.foo.com", PathMatchType.Exact, "/zzz", order: 2),
        Declaration.PathRule("foo.com", PathMatchType.Prefix, "/"),
        new Declaration(DeclarationKind.GlobalFallback, null, default, null, 0),
    ]);

    [Fact]
    public void ING_P4_CandidatesComeInPrecedenceOrderWithTheDecidingStep()
    {
        var explanation = Matcher.Explain("A.Foo.com:80", "/aaa?q=1");

        Assert.Equal(Matcher.Match("A.Foo.com:80", "/aaa?q=1"), explanation.Result);
        Assert.Equal(
        [
            "#2 Exact /aaa on *.foo.com (order 0) Winner: highest precedence of 3 matching paths (match length 4)",
            "#1 Prefix /aaa on *.foo.com (order 0) Outranked: Exact beats Prefix at equal match length",
            "#0 Prefix / on *.foo.com (order 0) Outranked: shorter match (0 < 4 characters)",
            "#3 Prefix /aaa/bbb on *.foo.com (order 0) NotMatching: \"/aaa\" is neither \"/aaa/bbb\" nor below \"/aaa/bbb/\"",
            "#4 Exact /zzz on *.foo.com (order 4) NotMatching: the path is not exactly \"/zzz\"",
            "#5 Exact /zzz on *.foo.com (order 2) NotMatching: the path is not exactly \"/zzz\"",
        ],
            explanation.Candidates.Select(c => $"{c.Rule} {c.Verdict}: {c.Reason}"));
        Assert.Equal(
        [
            "host normalised to \"a.foo.com\"",
            "no precise host group \"a.foo.com\"",
            "wildcard group \"*.foo.com\" covers the host's first label",
            "selected group \"*.foo.com\"; no other group is consulted, even if no path matches (ING-H7)",
            "path matched as \"/aaa\"; the walk reached the end of the path",
            "path rule #2 wins",
        ],
            explanation.Steps);
        Assert.Equal(("/aaa", "*.foo.com"), (explanation.MatchedPath, explanation.GroupHost));
    }

    [Fact]
    public void ING_M3_DuplicateLosesOnOrderKey()
    {
        var explanation = Matcher.Explain("b.foo.com", "/zzz");
        Assert.Equal(
            ["Winner", "Outranked: duplicate: the lower order key wins (2 < 4)", "Outranked: shorter match (0 < 4 characters)"],
            explanation.Candidates.Where(c => c.Verdict != CandidateVerdict.NotMatching)
                .Select(c => c.Verdict == CandidateVerdict.Winner ? "Winner" : $"{c.Verdict}: {c.Reason}"));
        Assert.Equal(5, explanation.Candidates[0].Rule.Id);
    }

    [Fact]
    public void ING_D1_NoGroupExplainsTheGlobalFallback()
    {
        var explanation = Matcher.Explain("x.y.foo.com", "/aaa");
        Assert.Empty(explanation.Candidates);
        Assert.Null(explanation.MatchedPath);
        Assert.Equal(
        [
            "host normalised to \"x.y.foo.com\"",
            "no precise host group \"x.y.foo.com\"",
            "no wildcard group \"*.y.foo.com\"",
            "no host group selected: no precise or wildcard group covers this host and there is no any-host group",
            "the global fallback #7 applies (ING-D1)",
        ],
            explanation.Steps);
        Assert.Equal((MatchOutcome.GlobalFallback, 7), (explanation.Result.Outcome, explanation.Result.Value));
    }

    [Fact]
    public void ING_H7_StoppedWalkAndFallbackAreExplained()
    {
        var explanation = Matcher.Explain("foo.com", "/q");
        Assert.Equal("path matched as \"/q\"; the walk stopped at segment \"q\", which no rule path continues with", explanation.Steps[^2]);

        var miss = Declaration.Compile([Declaration.PathRule("foo.com", PathMatchType.Exact, "/a"), new Declaration(DeclarationKind.GroupFallback, "foo.com", default, null, 0)])
            .Explain("foo.com", "/b");
        Assert.Equal("no path matched: the group's fallback #1 applies (ING-D2)", miss.Steps[^1]);
        Assert.Equal(MatchOutcome.GroupFallback, miss.Result.Outcome);
    }

    [Fact]
    public void ING_H5_RefusedWildcardIsExplained()
    {
        var matcher = Declaration.Compile([Declaration.PathRule("*.0.0.5", PathMatchType.Prefix, "/"), Declaration.PathRule(null, PathMatchType.Prefix, "/")]);
        var explanation = matcher.Explain("10.0.0.5", "/");
        Assert.Contains("wildcard group \"*.0.0.5\" ignored: the host is an IP literal, which only matches rules without a host (ING-H5)", explanation.Steps);
        Assert.Equal(1, explanation.Result.RuleId);
    }

    [Fact]
    public void ToStringIsAReadableReport()
    {
        var text = Matcher.Explain("a.foo.com", "/aaa/bbb/c").ToString();
        Assert.StartsWith("request: host \"a.foo.com\", path \"/aaa/bbb/c\"", text, StringComparison.Ordinal);
        Assert.Contains("  winner     #3 Prefix /aaa/bbb on *.foo.com (order 0): highest precedence of 3 matching paths (match length 8)", text, StringComparison.Ordinal);
        Assert.EndsWith("result: Path #3 -> 3", text, StringComparison.Ordinal);
    }
}
