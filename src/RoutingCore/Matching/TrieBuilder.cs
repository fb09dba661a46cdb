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
        var path = rule.EffectivePath.AsSpan();
        var exact = rule.PathType == PathMatchType.Exact;
        if (!exact && path[^1] == '/')
        {
            path = path[..^1];
        }

        var node = _roots[group];
        if (exact || path.Length > 0)
        {
            foreach (var range in path[1..].Split('/'))
            {
                node = node.Child(path[1..][range]);
            }
        }

        if (exact)
        {
            (node.Exact ??= []).Add(rule);
        }
        else
        {
            (node.Prefix ??= []).Add(rule);
        }
    }

    /// <summary>Flattens the groups. <paramref name="ruleNodes"/> receives each path rule's node; losers go to <paramref name="shadowed"/>.</summary>
    internal SegmentTrie Build(out int[] groupRoots, int[] ruleNodes, List<ShadowedRule> shadowed)
    {
        var nodes = new List<TrieNode>();
        var children = new List<TrieChild>();
        var keyChars = new List<char>();
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
            var exact = Settle(draft.Exact, index, ruleNodes, shadowed);
            var prefix = Settle(draft.Prefix, index, ruleNodes, shadowed);
            var ordered = draft.SortedChildren();
            var firstChild = next;
            next += ordered.Length;
            foreach (var (_, child) in ordered)
            {
                queue.Enqueue(child); // children get consecutive indices from firstChild
            }

            int start;
            if (ordered.Length > SegmentTrie.LinearMax)
            {
                start = wide.Count;
                var lookup = ordered.Select((c, i) => KeyValuePair.Create(c.Key, firstChild + i));
                wide.Add(lookup.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>());
            }
            else
            {
                start = children.Count;
                for (var i = 0; i < ordered.Length; i++)
                {
                    children.Add(new TrieChild(keyChars.Count, ordered[i].Key.Length, firstChild + i));
                    keyChars.AddRange(ordered[i].Key.AsSpan());
                }
            }

            nodes.Add(new TrieNode(exact, prefix, start, ordered.Length));
        }

        return new SegmentTrie([.. nodes], [.. children], [.. keyChars], [.. wide]);
    }

    /// <summary>Sorts one slot by precedence and returns the winner's id (or -1); everyone else is shadowed.</summary>
    private static int Settle(List<MatcherRule>? slot, int node, int[] ruleNodes, List<ShadowedRule> shadowed)
    {
        if (slot is null)
        {
            return -1;
        }

        slot.Sort(PathPrecedence.Compare);
        for (var i = 0; i < slot.Count; i++)
        {
            var rule = slot[i];
            ruleNodes[rule.Id] = node;
            if (i == 0)
            {
                continue;
            }

            var original = slot.Take(i).FirstOrDefault(r => r.PathType == rule.PathType && r.EffectivePath == rule.EffectivePath);
            shadowed.Add(original is null
                ? new ShadowedRule(rule.Id, slot[0].Id, ShadowReason.EquivalentPath)
                : new ShadowedRule(rule.Id, original.Id, ShadowReason.Duplicate));
        }

        return slot[0].Id;
    }

    /// <summary>A mutable trie node; its collections are created on first use because most nodes are leaves.</summary>
    private sealed class Draft
    {
        private Dictionary<string, Draft>? _children;

        internal List<MatcherRule>? Exact { get; set; }

        internal List<MatcherRule>? Prefix { get; set; }

        internal Draft Child(ReadOnlySpan<char> segment)
        {
            _children ??= new Dictionary<string, Draft>(StringComparer.Ordinal);
            var lookup = _children.GetAlternateLookup<ReadOnlySpan<char>>();
            if (!lookup.TryGetValue(segment, out var child))
            {
                child = new Draft();
                lookup[segment] = child;
            }

            return child;
        }

        /// <summary>Children sorted by segment length, then ordinally (the order <see cref="SegmentTrie"/> scans).</summary>
        internal KeyValuePair<string, Draft>[] SortedChildren()
        {
            if (_children is null)
            {
                return [];
            }

            var sorted = _children.ToArray();
            Array.Sort(sorted, static (a, b) => a.Key.Length != b.Key.Length ? a.Key.Length.CompareTo(b.Key.Length) : string.CompareOrdinal(a.Key, b.Key));
            return sorted;
        }
    }
}
