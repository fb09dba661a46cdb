namespace RoutingCore.Matching;

/// <summary>The tracer of <c>Explain</c>: copies every observation into an <see cref="ExplainLog"/>.</summary>
internal readonly struct RecordingTracer(ExplainLog log) : IMatchTracer
{
    public void HostNormalized(ReadOnlySpan<char> host) => log.NormalizedHost = HostNormalizer.LowerAscii(host);

    public void ExactProbe(ReadOnlySpan<char> key, int group)
    {
        log.ExactKey = key.ToString();
        log.ExactGroup = group;
    }

    public void WildcardProbe(ReadOnlySpan<char> suffix, int group, bool ipLiteral)
    {
        log.WildcardSuffix = suffix.ToString();
        log.WildcardGroup = group;
        log.WildcardRefusedAsIP = ipLiteral;
    }

    public void PathNormalized(ReadOnlySpan<char> path) => log.Path = path.ToString();

    public void NodeReached(int node) => log.Nodes.Add(node);

    public void SegmentMissing(ReadOnlySpan<char> segment) => log.MissingSegment = segment.ToString();

    public void PathEnd() => log.PathEnded = true;
}
