namespace RoutingCore.AspNetCore.Settings;

/// <summary>
/// An Ingress marked <c>canary: "true"</c>: its paths do not route by themselves but split the traffic of the same host,
/// path and path type declared by a main (non-canary) Ingress. Precedence, as ingress-nginx: the header, then the
/// cookie, then the weight.
/// </summary>
public sealed record CanarySettings
{
    /// <summary><c>canary-by-header</c>: a request header that sends to the canary when it is <c>always</c> (or equals <see cref="HeaderValue"/>) and away from it when <c>never</c>.</summary>
    public string? Header { get; init; }

    /// <summary><c>canary-by-header-value</c>: the exact header value that selects the canary instead of <c>always</c>.</summary>
    public string? HeaderValue { get; init; }

    /// <summary><c>canary-by-cookie</c>: a cookie that sends to the canary when <c>always</c> and away from it when <c>never</c>.</summary>
    public string? Cookie { get; init; }

    /// <summary><c>canary-weight</c>: the share of the remaining requests sent to the canary, out of <see cref="WeightTotal"/>.</summary>
    public int Weight { get; init; }

    /// <summary><c>canary-weight-total</c>: the total the weight is a share of; 100 by default.</summary>
    public int WeightTotal { get; init; } = 100;
}
