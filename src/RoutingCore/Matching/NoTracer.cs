namespace RoutingCore.Matching;

/// <summary>The tracer of the hot path: every method is empty, so the JIT erases the calls.</summary>
internal readonly struct NoTracer : IMatchTracer
{
    public void HostNormalized(ReadOnlySpan<char> host)
    {
    }

    public void ExactProbe(ReadOnlySpan<char> key, int group)
    {
    }

    public void WildcardProbe(ReadOnlySpan<char> suffix, int group, bool ipLiteral)
    {
    }

    public void PathNormalized(ReadOnlySpan<char> path)
    {
    }

    public void NodeReached(int node)
    {
    }

    public void SegmentMissing(ReadOnlySpan<char> segment)
    {
    }

    public void PathEnd()
    {
    }
}
