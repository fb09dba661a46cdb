namespace RoutingCore.Matching;

/// <summary>
/// Observer of one run of the match routine. <c>Match</c> passes <see cref="NoTracer"/>, whose empty methods the JIT
/// removes from the generic instantiation; <c>Explain</c> passes a recording tracer through the very same code, so an
/// explanation can never describe a different decision than the one <c>Match</c> makes.
/// </summary>
internal interface IMatchTracer
{
    /// <summary>The request host after port and trailing-dot removal (case not yet folded).</summary>
    void HostNormalized(ReadOnlySpan<char> host);

    /// <summary>The exact-host table was probed with <paramref name="key"/>; <paramref name="group"/> is -1 on a miss.</summary>
    void ExactProbe(ReadOnlySpan<char> key, int group);

    /// <summary>
    /// The wildcard table was probed with the suffix after the first label; <paramref name="group"/> is -1 on a miss.
    /// <paramref name="ipLiteral"/> is set when a hit was refused because the host is an IPv4 literal (ING-H5).
    /// </summary>
    void WildcardProbe(ReadOnlySpan<char> suffix, int group, bool ipLiteral);

    /// <summary>The path actually matched: query and fragment cut, empty made <c>/</c>.</summary>
    void PathNormalized(ReadOnlySpan<char> path);

    /// <summary>The walk reached trie node <paramref name="node"/> (the group's root first).</summary>
    void NodeReached(int node);

    /// <summary>The walk stopped: no child for <paramref name="segment"/>.</summary>
    void SegmentMissing(ReadOnlySpan<char> segment);

    /// <summary>The walk consumed the whole path and ended on the last reached node, where Exact rules may match.</summary>
    void PathEnd();
}
