namespace RoutingCore.Matching;

/// <summary>What a <see cref="RecordingTracer"/> saw during one run of the match routine.</summary>
internal sealed class ExplainLog
{
    internal string NormalizedHost { get; set; } = string.Empty;

    internal string? ExactKey { get; set; }

    internal int ExactGroup { get; set; } = -1;

    internal string? WildcardSuffix { get; set; }

    internal int WildcardGroup { get; set; } = -1;

    internal bool WildcardRefusedAsIP { get; set; }

    internal string? Path { get; set; }

    internal List<int> Nodes { get; } = [];

    internal string? MissingSegment { get; set; }

    internal bool PathEnded { get; set; }
}
