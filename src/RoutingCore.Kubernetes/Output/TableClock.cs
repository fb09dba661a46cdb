namespace RoutingCore.Kubernetes.Output;

/// <summary>kubectl's <c>translateTimestampSince</c>: the age of a timestamp at one fixed "now", or <c>&lt;unknown&gt;</c>.</summary>
internal sealed class TableClock(DateTimeOffset now)
{
    public string Since(DateTime? timestamp) => timestamp is { } time
        ? HumanDuration.Format(now - new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)))
        : "<unknown>";
}
