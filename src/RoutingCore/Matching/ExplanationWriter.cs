using System.Globalization;

namespace RoutingCore.Matching;

/// <summary>
/// Turns what the recording tracer saw into sentences and a candidate list. It never decides anything itself: the
/// selected group, the nodes reached and the result come from the match routine. The only thing it computes is the
/// order of the matching candidates, with <see cref="PathPrecedence"/> — the comparator the builder used to fill the
/// trie — and tests check that its first candidate is the routine's winner.
/// </summary>
internal sealed class ExplanationWriter(MatcherLayout layout, MatcherRule[] rules, ExplainLog log, Resolution resolution)
{
    /// <summary>The selected group's host pattern, if a precise or wildcard group was selected.</summary>
    internal string? GroupHost => resolution.Group >= 0 ? layout.GroupHosts[resolution.Group] : null;

    /// <summary>The host, walk and fallback decisions as sentences.</summary>
    internal List<string> Steps()
    {
        var steps = new List<string>
        {
            log.NormalizedHost.Length == 0 ? "no host (empty after removing port and trailing dot)" : Text($"host normalised to \"{log.NormalizedHost}\""),
        };
        if (log.ExactKey is { } key)
        {
            steps.Add(log.ExactGroup >= 0 ? Text($"precise host group \"{key}\" exists") : Text($"no precise host group \"{key}\""));
        }

        if (log.WildcardSuffix is { } suffix)
        {
            steps.Add(log.WildcardRefusedAsIP
                ? Text($"wildcard group \"*.{suffix}\" ignored: the host is an IP literal, which only matches rules without a host (ING-H5)")
                : log.WildcardGroup >= 0 ? Text($"wildcard group \"*.{suffix}\" covers the host's first label") : Text($"no wildcard group \"*.{suffix}\""));
        }

        steps.Add(resolution.GroupKind switch
        {
            HostGroupKind.Exact or HostGroupKind.Wildcard => Text($"selected group \"{GroupHost}\"; no other group is consulted, even if no path matches (ING-H7)"),
            HostGroupKind.AnyHost => "selected the any-host group (rules without a host)",
            _ => "no host group selected: no precise or wildcard group covers this host and there is no any-host group",
        });
        if (resolution.Group >= 0)
        {
            steps.Add(Text($"path matched as \"{log.Path}\"") + (log.MissingSegment is { } missing
                ? Text($"; the walk stopped at segment \"{missing}\", which no rule path continues with")
                : log.PathEnded ? "; the walk reached the end of the path" : "; it does not start with '/', so only Prefix \"/\" can match"));
        }

        steps.Add(resolution.Outcome switch
        {
            MatchOutcome.Path => Text($"path rule #{resolution.RuleId} wins"),
            MatchOutcome.GroupFallback => Text($"no path matched: the group's fallback #{resolution.RuleId} applies (ING-D2)"),
            MatchOutcome.GlobalFallback when resolution.Group >= 0 => Text($"no path matched and the group has no fallback: the global fallback #{resolution.RuleId} applies (ING-D1)"),
            MatchOutcome.GlobalFallback => Text($"the global fallback #{resolution.RuleId} applies (ING-D1)"),
            _ => resolution.Group >= 0 ? "no path matched and there is neither a group nor a global fallback: nothing applies" : "there is no global fallback: nothing applies",
        });
        return steps;
    }

    /// <summary>Every path rule of the selected group with its verdict; matching ones first, in precedence order.</summary>
    internal List<ExplainedCandidate> Candidates()
    {
        var result = new List<ExplainedCandidate>();
        if (resolution.Group < 0)
        {
            return result;
        }

        var reached = log.Nodes.ToHashSet();
        var end = log.PathEnded ? log.Nodes[^1] : -1;
        var matching = new List<MatcherRule>();
        var notMatching = new List<MatcherRule>();
        foreach (var id in layout.GroupPathRules[resolution.Group])
        {
            var rule = rules[id];
            var node = layout.RuleNodes[id];
            var matches = rule.PathType == PathMatchType.Exact ? node == end : reached.Contains(node);
            (matches ? matching : notMatching).Add(rule);
        }

        matching.Sort(PathPrecedence.Compare);
        var winner = resolution.Outcome == MatchOutcome.Path ? rules[resolution.RuleId] : null;
        foreach (var rule in matching)
        {
            result.Add(rule == winner
                ? new ExplainedCandidate(rule, CandidateVerdict.Winner, matching.Count == 1
                    ? "the only path that matches"
                    : Text($"highest precedence of {matching.Count} matching paths (match length {rule.MatchLength})"))
                : new ExplainedCandidate(rule, CandidateVerdict.Outranked, Outranked(winner ?? matching[0], rule)));
        }

        foreach (var rule in notMatching)
        {
            result.Add(new ExplainedCandidate(rule, CandidateVerdict.NotMatching, NotMatching(rule)));
        }

        return result;
    }

    private static string Outranked(MatcherRule winner, MatcherRule loser)
    {
        PathPrecedence.Compare(winner, loser, out var step);
        return step switch
        {
            PrecedenceStep.MatchLength => Text($"shorter match ({loser.MatchLength} < {winner.MatchLength} characters)"),
            PrecedenceStep.PathType => Text($"{winner.PathType} beats {loser.PathType} at equal match length"),
            PrecedenceStep.PathLength => Text($"the longer declared path \"{winner.EffectivePath}\" wins over \"{loser.EffectivePath}\""),
            PrecedenceStep.Order => Text($"duplicate: the lower order key wins ({winner.Order} < {loser.Order})"),
            _ => "duplicate with an equal order key: the rule added first wins",
        };
    }

    private string NotMatching(MatcherRule rule)
    {
        if (rule.PathType == PathMatchType.Exact)
        {
            return Text($"the path is not exactly \"{rule.Path}\"");
        }

        var trimmed = rule.EffectivePath[..rule.MatchLength];
        return Text($"\"{log.Path}\" is neither \"{trimmed}\" nor below \"{trimmed}/\"");
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
