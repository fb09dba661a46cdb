using System.Collections.Frozen;

namespace RoutingCore.Matching;

/// <summary>
/// Compile-time side of <see cref="SegmentTrie"/>: inserts path rules into per-group mutable trees, settles every tie
/// inside a node with <see cref="PathPrecedence"/> (reporting the losers), then flattens all groups breadth-first into
/// the arrays the matcher reads, so that each node's children sit next to each other.
/// Subtle point: a Prefix rule is stored under its path minus one trailing <c>/</c>, so Prefix <c>/a</c> and Prefix
/// <c>/a/</c> share a node (they match the same requests; <c>/a/</c> wins by ING-P4 step 3), whereas Exact <c>/a/</c>
/// goes one level deeper, onto the empty segment after <c>a</c>.
/// </summary>
internal sealed class TrieBuilder
{
    private readonly List<Draft> _roots = [];

    /// <summary>Adds an empty group and returns its index.</summary>
    internal int AddGroup()
    {
        _roots.Add(new Draft());
        return _roots.Count - 1;
    }

    /// <summary>Inserts a path rule into a group.</summary>
    internal void Add(int group, MatcherRule rule)
    {
        var path = rule.EffectivePath;
        var exact = rule.PathType == PathMatchType.Exact;
        if (!exact && path[^1] == '/')
        {
            path = path[..^1];
        }

        var node = _roots[group];
        if (exact || path.Length > 0)
        {
            foreach (var segment in path[1..].Split('/'))
            {
                if (!node.Children.TryGetValue(segment, out var child))
                {
                    child = new Draft();
                    node.Children.Add(segment, child);
                }

                node = child;
            }
        }

        (exact ? node.Exact : node.Prefix).Add(rule);
    }

    /// <summary>Flattens the groups. <paramref name="ruleNodes"/> receives each path rule's node; losers go to <paramref name="shadowed"/>.</summary>
    internal SegmentTrie Build(out int[] groupRoots, int[] ruleNodes, List<ShadowedRule> shadowed)
    {
        var nodes = new List<TrieNode>();
        var keys = new List<string>();
        var children = new List<int>();
        var wide = new List<FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>>>();
        var queue = new Queue<Draft>(_roots);
        groupRoots = new int[_roots.Count];
        for (var g = 0; g < _roots.Count; g++)
        {
            groupRoots[g] = g; // roots are enqueued first, so they get the first indices
        }

        var next = _roots.Count;
        while (queue.TryDequeue(out var draft))
        {
            var index = nodes.Count;
            var exact = Settle(draft.Exact, shadowed);
            var prefix = Settle(draft.Prefix, shadowed);
            foreach (var rule in draft.Exact)
            {
                ruleNodes[rule.Id] = index;
            }

            foreach (var rule in draft.Prefix)
            {
                ruleNodes[rule.Id] = index;
            }

            var ordered = draft.Children.OrderBy(c => c.Key, StringComparer.Ordinal).ToList();
            var firstChild = next;
            next += ordered.Count;
            ordered.ForEach(c => queue.Enqueue(c.Value)); // children get consecutive indices from firstChild
            int start;
            if (ordered.Count > SegmentTrie.LinearMax)
            {
                start = wide.Count;
                var lookup = ordered.Select((c, i) => KeyValuePair.Create(c.Key, firstChild + i));
                wide.Add(lookup.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>());
            }
            else
            {
                start = keys.Count;
                for (var i = 0; i < ordered.Count; i++)
                {
                    keys.Add(ordered[i].Key);
                    children.Add(firstChild + i);
                }
            }

            nodes.Add(new TrieNode(exact, prefix, start, ordered.Count));
        }

        return new SegmentTrie([.. nodes], [.. keys], [.. children], [.. wide]);
    }

    /// <summary>Sorts one slot by precedence and returns the winner's id (or -1); everyone else is shadowed.</summary>
    private static int Settle(List<MatcherRule> slot, List<ShadowedRule> shadowed)
    {
        if (slot.Count == 0)
        {
            return -1;
        }

        slot.Sort(PathPrecedence.Compare);
        for (var i = 1; i < slot.Count; i++)
        {
            var loser = slot[i];
            var original = slot.Take(i).FirstOrDefault(r => r.PathType == loser.PathType && r.EffectivePath == loser.EffectivePath);
            shadowed.Add(original is null
                ? new ShadowedRule(loser.Id, slot[0].Id, ShadowReason.EquivalentPath)
                : new ShadowedRule(loser.Id, original.Id, ShadowReason.Duplicate));
        }

        return slot[0].Id;
    }

    private sealed class Draft
    {
        internal Dictionary<string, Draft> Children { get; } = new(StringComparer.Ordinal);

        internal List<MatcherRule> Exact { get; } = [];

        internal List<MatcherRule> Prefix { get; } = [];
    }
}
