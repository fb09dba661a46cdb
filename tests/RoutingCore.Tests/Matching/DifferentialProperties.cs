using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RoutingCore.Matching;

namespace RoutingCore.Tests.Matching;

/// <summary>
/// The compiled matcher against the <see cref="ReferenceMatcher"/> oracle on random rule sets and requests built from
/// small alphabets, so that hosts, case variants, ports, shared prefixes, trailing slashes and empty segments collide
/// often. Each run checks about 400 rule sets × 40 requests; the seed is fixed.
/// </summary>
public sealed class DifferentialProperties
{
    [Property(Arbitrary = [typeof(Scenarios)], MaxTest = 400, Replay = "(1234567,7654321)", QuietOnSuccess = true)]
    public void ING_H_P_CompiledMatcherAgreesWithReference(Scenario scenario)
    {
        var matcher = Declaration.Compile(scenario.Rules);
        var reference = new ReferenceMatcher(scenario.Rules);
        foreach (var (host, path) in scenario.Requests)
        {
            var match = matcher.Match(host, path);
            var expected = reference.Decide(host, path);
            Assert.True(expected == (match.Outcome, match.RuleId, match.Group), $"{host} {path}: expected {expected}, got {match}");
            Assert.Equal(match.RuleId, match.HasValue ? match.Value : -1);
        }
    }

    [Property(Arbitrary = [typeof(Scenarios)], MaxTest = 200, Replay = "(7777777,1111111)", QuietOnSuccess = true)]
    public void Explain_AgreesWithMatchAndRanksLikeTheReference(Scenario scenario)
    {
        var matcher = Declaration.Compile(scenario.Rules);
        var reference = new ReferenceMatcher(scenario.Rules);
        foreach (var (host, path) in scenario.Requests)
        {
            var match = matcher.Match(host, path);
            var explanation = matcher.Explain(host, path);
            Assert.Equal(match, explanation.Result);

            var ranked = explanation.Candidates.Where(c => c.Verdict != CandidateVerdict.NotMatching).ToList();
            Assert.Equal(reference.Candidates(host, path).Select(r => r.Id), ranked.Select(c => c.Rule.Id));
            Assert.Equal(match.Outcome == MatchOutcome.Path ? [match.RuleId] : [], ranked.Where(c => c.Verdict == CandidateVerdict.Winner).Select(c => c.Rule.Id));
            if (ranked.Count > 0)
            {
                Assert.Equal(CandidateVerdict.Winner, ranked[0].Verdict);
            }
        }
    }

    [Property(Arbitrary = [typeof(Scenarios)], MaxTest = 300, Replay = "(4242424,2424243)", QuietOnSuccess = true)]
    public void ING_M3_ShadowedRulesAreExactlyTheOnesThatCanNeverWin(Scenario scenario)
    {
        var matcher = Declaration.Compile(scenario.Rules);
        var rules = new ReferenceMatcher(scenario.Rules).Rules;

        // A path rule can never win when another rule of its group matches exactly the same requests and ranks higher;
        // a fallback when another of the same scope has a lower (order, id).
        var slots = rules.GroupBy(r => r.Kind switch
        {
            DeclarationKind.Path => $"{r.Host}|{(r.Type == PathMatchType.Exact ? "E" + r.Effective : "P" + r.Trimmed)}",
            DeclarationKind.GroupFallback => $"{r.Host}|fallback",
            _ => "global",
        });
        var neverWin = slots.SelectMany(slot => slot
                .OrderBy(r => r.Type).ThenByDescending(r => r.Effective.Length).ThenBy(r => r.Order).ThenBy(r => r.Id)
                .Skip(1))
            .Select(r => r.Id)
            .Order();
        Assert.Equal(neverWin, matcher.ShadowedRules.Select(s => s.RuleId));

        foreach (var shadow in matcher.ShadowedRules.Where(s => s.Reason == ShadowReason.Duplicate))
        {
            var (loser, winner) = (rules[shadow.RuleId], rules[shadow.ShadowedById]);
            Assert.Equal((loser.Kind, loser.Host, loser.Type, loser.Effective), (winner.Kind, winner.Host, winner.Type, winner.Effective));
            Assert.True((winner.Order, winner.Id).CompareTo((loser.Order, loser.Id)) < 0);
        }
    }
}

/// <summary>A rule set and the requests to try against it.</summary>
public sealed record Scenario(Declaration[] Rules, (string Host, string Path)[] Requests)
{
    public override string ToString() =>
        "rules: " + string.Join("; ", Rules.Select(r => r.ToString())) + Environment.NewLine +
        "requests: " + string.Join("; ", Requests.Select(r => $"{r.Host} {r.Path}"));
}

/// <summary>FsCheck generators for <see cref="Scenario"/>.</summary>
public static class Scenarios
{
    private static readonly string?[] RuleHosts = [null, "foo.com", "a.foo.com", "*.foo.com", "*.a.foo.com", "Bar.org", "*.0.0.5", "x.y"];

    private static readonly string[] RequestHosts =
    [
        "", "foo.com", "FOO.COM", "foo.com:8080", "foo.com.", "foo.com..", "a.foo.com", "A.Foo.Com.:80", "b.a.foo.com",
        "x.foo.com", "x.y.foo.com", ".foo.com", "bar.org", "BAR.org:1", "10.0.0.5", "1.0.0.5:80", "x.0.0.5", "[::1]:80",
        "[::1]", "\u212Aa.foo.com", "fo\u0131.com", "x.y", "X.Y.", "other", ":80",
    ];

    private static readonly string[] Segments = ["a", "b", "ab", "A", ""];

    private static readonly string[] Suffixes = ["", "", "", "?q=/a/b", "#a/b", "?", "/"];

    public static Arbitrary<Scenario> Scenario() => ScenarioGen.ToArbitrary();

    private static Gen<string> PathGen =>
        from count in Gen.Choose(0, 3)
        from segments in Gen.ArrayOf(Gen.Elements(Segments), count)
        from trailing in Gen.Elements(false, false, true)
        select "/" + string.Join('/', segments) + (trailing ? "/" : "");

    private static Gen<Declaration> DeclarationGen =>
        Gen.Frequency(
            (16, from host in Gen.Elements(RuleHosts)
                 from type in Gen.Elements(PathMatchType.Exact, PathMatchType.Prefix, PathMatchType.ImplementationSpecific)
                 from path in PathGen
                 from empty in Gen.Elements(false, false, false, true)
                 from order in Gen.Choose(0, 3)
                 select Declaration.PathRule(host, type, type == PathMatchType.ImplementationSpecific && empty ? "" : path, order)),
            (1, from host in Gen.Elements(RuleHosts) select new Declaration(DeclarationKind.Host, host, default, null, 0)),
            (2, from host in Gen.Elements(RuleHosts)
                from order in Gen.Choose(0, 3)
                select new Declaration(DeclarationKind.GroupFallback, host, default, null, order)),
            (1, from order in Gen.Choose(0, 3) select new Declaration(DeclarationKind.GlobalFallback, null, default, null, order)));

    private static Gen<(string, string)> RequestGen =>
        from host in Gen.Elements(RequestHosts)
        from path in Gen.Frequency(
            (12, from p in PathGen from s in Gen.Elements(Suffixes) select p + s),
            (1, Gen.Elements("", "*", "a/b", "?x=/a", "#")))
        select (host, path);

    private static Gen<Scenario> ScenarioGen =>
        from count in Gen.Choose(0, 14)
        from rules in Gen.ArrayOf(DeclarationGen, count)
        from requests in Gen.ArrayOf(RequestGen, 40)
        select new Scenario(rules, requests);
}
