namespace RoutingCore.Matching;

/// <summary>
/// The compiled, immutable decision procedure behind <see cref="HostPathMatcher{TValue}"/>, free of the value type so
/// one copy of the code serves every <c>TValue</c>. <see cref="Resolve"/> is the only match routine: host stage
/// (<see cref="HostTable"/>), then the path walk in the selected group (<see cref="SegmentTrie"/>), then fallbacks:
/// the group's own (ING-D2), else the global one (ING-D1).
/// </summary>
internal sealed class MatchTable
{
    private readonly HostTable _hosts;
    private readonly SegmentTrie _trie;
    private readonly int[] _groupRoots;
    private readonly int[] _groupFallbacks;
    private readonly int _globalFallback;

    /// <param name="hosts">The host stage.</param>
    /// <param name="trie">All groups' paths.</param>
    /// <param name="groupRoots">Each group's root node in <paramref name="trie"/>.</param>
    /// <param name="groupFallbacks">Each group's winning fallback rule id, or -1.</param>
    /// <param name="globalFallback">The winning global fallback rule id, or -1.</param>
    internal MatchTable(HostTable hosts, SegmentTrie trie, int[] groupRoots, int[] groupFallbacks, int globalFallback)
    {
        _hosts = hosts;
        _trie = trie;
        _groupRoots = groupRoots;
        _groupFallbacks = groupFallbacks;
        _globalFallback = globalFallback;
    }

    /// <summary>Decides a request. Allocates nothing; <paramref name="tracer"/> observes each step.</summary>
    internal Resolution Resolve<TTracer>(ReadOnlySpan<char> host, ReadOnlySpan<char> path, ref TTracer tracer)
        where TTracer : struct, IMatchTracer
    {
        var group = _hosts.Select(host, ref tracer, out var kind);
        if (group >= 0)
        {
            var rule = _trie.Walk(_groupRoots[group], path, ref tracer);
            if (rule >= 0)
            {
                return new Resolution(rule, MatchOutcome.Path, kind, group);
            }

            var fallback = _groupFallbacks[group];
            if (fallback >= 0)
            {
                return new Resolution(fallback, MatchOutcome.GroupFallback, kind, group);
            }
        }

        return _globalFallback >= 0
            ? new Resolution(_globalFallback, MatchOutcome.GlobalFallback, kind, group)
            : new Resolution(-1, MatchOutcome.None, kind, group);
    }
}
