namespace RoutingCore.Balancing;

/// <summary>
/// The identity of an endpoint: its address and port. Live state (in-flight requests, failures, ejection) is keyed by
/// it, so an endpoint that appears in two successive endpoint sets keeps its state (EPS-3 de-duplicates on the same pair).
/// </summary>
/// <param name="Address">The address, in the canonical text form <see cref="EndpointDescription"/> gives it.</param>
/// <param name="Port">The port number.</param>
public readonly record struct EndpointKey(string Address, int Port)
{
    /// <summary><c>address:port</c>, with IPv6 addresses in brackets (<c>[fd00::1]:8080</c>).</summary>
    public override string ToString() => Address.Contains(':', StringComparison.Ordinal) ? $"[{Address}]:{Port}" : $"{Address}:{Port}";
}
