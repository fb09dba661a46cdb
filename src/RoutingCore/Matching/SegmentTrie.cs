using System.Collections.Frozen;
using System.Runtime.CompilerServices;

namespace RoutingCore.Matching;

/// <summary>
/// The path stage: one flat trie of <c>/</c>-separated segments holding every host group's paths (each group has its
/// own root). The walk goes left to right once, remembering the deepest Prefix rule passed; when the last segment is
/// found, that node's Exact rule beats its Prefix rule, which beats the remembered one. No backtracking is needed,
/// because along one request path a deeper node always has a longer match length (ING-P4 step 1), and ties within one
/// node were settled when the trie was built.
/// Subtle point: Prefix semantics fall out of segment granularity. Prefix <c>/foo</c> lives on node <c>foo</c>, so it
/// matches <c>/foo</c>, <c>/foo/</c> (which walks on to the empty segment) and <c>/foo/x</c>, never <c>/foobar</c>;
/// Exact <c>/foo/</c> lives on the empty-segment child of <c>foo</c>.
/// </summary>
internal sealed class SegmentTrie
{
    /// <summary>
    /// Children up to this count are scanned (by length, then text); wider nodes use a frozen dictionary.
    /// PERF: with 20 children the sorted scan and a frozen-dictionary probe both cost ~9 ns (min-of-rounds timing), and
    /// the scan reads one contiguous array instead of a dictionary's buckets and scattered strings, which is what
    /// dominates in large tables; the threshold only bounds the worst case.
    /// </summary>
    internal const int LinearMax = 32;

    private readonly TrieNode[] _nodes;
    private readonly TrieChild[] _children;
    private readonly char[] _keyChars;
    private readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>>[] _wide;

    internal SegmentTrie(TrieNode[] nodes, TrieChild[] children, char[] keyChars, FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>>[] wide)
    {
        _nodes = nodes;
        _children = children;
        _keyChars = keyChars;
        _wide = wide;
    }

    /// <summary>Number of nodes (all groups).</summary>
    internal int NodeCount => _nodes.Length;

    /// <summary>Finds the rule for <paramref name="path"/> in the group rooted at <paramref name="root"/>, or -1.</summary>
    internal int Walk<TTracer>(int root, ReadOnlySpan<char> path, ref TTracer tracer)
        where TTracer : struct, IMatchTracer
    {
        // ING-P0: the query and fragment play no part; an empty path is "/".
        var end = path.IndexOfAny('?', '#');
        if (end >= 0)
        {
            path = path[..end];
        }

        if (path.IsEmpty)
        {
            path = "/";
        }

        tracer.PathNormalized(path);
        tracer.NodeReached(root);
        var nodes = _nodes;
        var node = root;
        var best = nodes[node].Prefix;
        if (path[0] != '/')
        {
            return best; // only Prefix "/" (empty trimmed path) matches a path that does not start with '/'
        }

        var rest = path[1..];
        while (true)
        {
            var slash = rest.IndexOf('/');
            var segment = slash < 0 ? rest : rest[..slash];
            var child = FindChild(nodes[node], segment);
            if (child < 0)
            {
                tracer.SegmentMissing(segment);
                return best;
            }

            node = child;
            tracer.NodeReached(node);
            ref readonly var reached = ref nodes[node];
            if (slash < 0)
            {
                tracer.PathEnd();
                return reached.Exact >= 0 ? reached.Exact : reached.Prefix >= 0 ? reached.Prefix : best;
            }

            if (reached.Prefix >= 0)
            {
                best = reached.Prefix;
            }

            rest = rest[(slash + 1)..];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int FindChild(in TrieNode node, ReadOnlySpan<char> segment)
    {
        if (node.ChildCount <= LinearMax)
        {
            var children = _children;
            var length = segment.Length;
            for (int i = node.ChildStart, stop = node.ChildStart + node.ChildCount; i < stop; i++)
            {
                ref readonly var child = ref children[i];
                if (child.KeyLength < length)
                {
                    continue;
                }

                if (child.KeyLength > length)
                {
                    break; // sorted by length: no longer key can be equal
                }

                if (segment.SequenceEqual(_keyChars.AsSpan(child.KeyStart, length)))
                {
                    return child.Node;
                }
            }

            return -1;
        }

        return _wide[node.ChildStart].TryGetValue(segment, out var found) ? found : -1;
    }
}
