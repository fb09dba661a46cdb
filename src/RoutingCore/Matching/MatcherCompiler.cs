namespace RoutingCore.Matching;

/// <summary>
/// Turns the builder's declarations into a <see cref="MatchTable"/>: one group per distinct host pattern, each group's
/// paths into the shared <see cref="TrieBuilder"/>, fallbacks settled by order key, and the host tables frozen.
/// Every tie is settled here, once, so the match routine only reads winners.
/// </summary>
internal static class MatcherCompiler
{
    /// <summary>Compiles; <paramref name="groupHosts"/> lists every declared group, any-host as <see langword="null"/>.</summary>
    internal static (MatchTable Table, MatcherLayout Layout, ShadowedRule[] Shadowed) Compile(
        IReadOnlyList<MatcherRule> rules, IReadOnlyList<string?> groupHosts)
    {
        var groupIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var exact = new Dictionary<string, int>(StringComparer.Ordinal);
        var wildcard = new Dictionary<string, int>(StringComparer.Ordinal);
        var anyHost = -1;
        var trie = new TrieBuilder();
        for (var g = 0; g < groupHosts.Count; g++)
        {
            var host = groupHosts[g];
            groupIndex.Add(host ?? string.Empty, trie.AddGroup());
            if (host is null)
            {
                anyHost = g;
            }
            else if (host.StartsWith("*.", StringComparison.Ordinal))
            {
                wildcard.Add(host[2..], g);
            }
            else
            {
                exact.Add(host, g);
            }
        }

        var pathRules = groupHosts.Select(_ => new List<int>()).ToArray();
        var fallbacks = groupHosts.Select(_ => new List<MatcherRule>()).ToArray();
        var globals = new List<MatcherRule>();
        foreach (var rule in rules)
        {
            switch (rule.Kind)
            {
                case MatcherRuleKind.Path:
                    var group = groupIndex[rule.Host ?? string.Empty];
                    trie.Add(group, rule);
                    pathRules[group].Add(rule.Id);
                    break;
                case MatcherRuleKind.GroupFallback:
                    fallbacks[groupIndex[rule.Host ?? string.Empty]].Add(rule);
                    break;
                default:
                    globals.Add(rule);
                    break;
            }
        }

        var shadowed = new List<ShadowedRule>();
        var ruleNodes = Enumerable.Repeat(-1, rules.Count).ToArray();
        var sharedTrie = trie.Build(out var groupRoots, ruleNodes, shadowed);
        var groupFallbacks = fallbacks.Select(f => SettleDeclarations(f, shadowed)).ToArray();
        var globalFallback = SettleDeclarations(globals, shadowed);
        shadowed.Sort((a, b) => a.RuleId.CompareTo(b.RuleId));

        var table = new MatchTable(new HostTable(exact, wildcard, anyHost), sharedTrie, groupRoots, groupFallbacks, globalFallback);
        var layout = new MatcherLayout([.. groupHosts], [.. pathRules.Select(p => p.ToArray())], groupFallbacks, globalFallback, ruleNodes);
        return (table, layout, [.. shadowed]);
    }

    /// <summary>Picks the lowest order key among declarations of the same fallback; the rest are duplicates of it.</summary>
    private static int SettleDeclarations(List<MatcherRule> declarations, List<ShadowedRule> shadowed)
    {
        if (declarations.Count == 0)
        {
            return -1;
        }

        declarations.Sort((a, b) => PathPrecedence.CompareDeclarations(a, b, out _));
        foreach (var loser in declarations.Skip(1))
        {
            shadowed.Add(new ShadowedRule(loser.Id, declarations[0].Id, ShadowReason.Duplicate));
        }

        return declarations[0].Id;
    }
}
