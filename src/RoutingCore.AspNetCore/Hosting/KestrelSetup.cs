using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using RoutingCore.AspNetCore.Settings;

namespace RoutingCore.AspNetCore.Hosting;

/// <summary>
/// Applies <see cref="ProxyLimits"/> and the start-up ConfigMap keys (<c>keep-alive</c>, <c>client-header-timeout</c>)
/// to Kestrel: 431 for too many or too large headers, 414 for a long request line, the header timeout, the minimum
/// body rate, the idle keep-alive time and the HTTP/2 stream limit. Kestrel adds no <c>Server</c> header
/// (<c>server-tokens</c> decides per response). The body size is set per request from <c>proxy-body-size</c>.
/// </summary>
internal sealed class KestrelSetup(RoutingCoreProxy proxy) : IConfigureOptions<KestrelServerOptions>
{
    public void Configure(KestrelServerOptions options)
    {
        var limits = proxy.Options.Limits;
        var controller = proxy.Current.Controller;
        options.AddServerHeader = false;
        options.Limits.MaxRequestHeadersTotalSize = limits.MaxRequestHeadersTotalSize;
        options.Limits.MaxRequestHeaderCount = limits.MaxRequestHeaderCount;
        options.Limits.MaxRequestLineSize = limits.MaxRequestLineSize;
        options.Limits.MinRequestBodyDataRate = new MinDataRate(limits.MinRequestBodyDataRate, limits.MinRequestBodyDataRateGracePeriod);
        options.Limits.Http2.MaxStreamsPerConnection = limits.MaxHttp2StreamsPerConnection;
        options.Limits.RequestHeadersTimeout = controller.ClientHeaderTimeout;
        options.Limits.KeepAliveTimeout = controller.KeepAlive;
    }
}
