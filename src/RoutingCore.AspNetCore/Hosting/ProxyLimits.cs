namespace RoutingCore.AspNetCore.Hosting;

/// <summary>
/// Client-side limits the proxy applies to Kestrel (research §6 defaults). The header timeout and the idle keep-alive
/// time are controller settings (<c>client-header-timeout</c>, <c>keep-alive</c>), read when the server starts.
/// </summary>
public sealed class ProxyLimits
{
    /// <summary>The most bytes of request headers; more is answered 431 (32 KiB).</summary>
    public int MaxRequestHeadersTotalSize { get; set; } = 32 * 1024;

    /// <summary>The most request headers; more is answered 431 (100).</summary>
    public int MaxRequestHeaderCount { get; set; } = 100;

    /// <summary>The longest request line; longer is answered 414 (8 KiB).</summary>
    public int MaxRequestLineSize { get; set; } = 8 * 1024;

    /// <summary>The slowest a request body may arrive, in bytes per second, after <see cref="MinRequestBodyDataRateGracePeriod"/> (240).</summary>
    public double MinRequestBodyDataRate { get; set; } = 240;

    /// <summary>How long a body may arrive more slowly than <see cref="MinRequestBodyDataRate"/> at first (5 s).</summary>
    public TimeSpan MinRequestBodyDataRateGracePeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The most concurrent HTTP/2 streams per client connection (100).</summary>
    public int MaxHttp2StreamsPerConnection { get; set; } = 100;
}
