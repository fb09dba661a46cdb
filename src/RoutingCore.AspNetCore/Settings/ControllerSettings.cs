using System.Net;
using System.Security.Authentication;

namespace RoutingCore.AspNetCore.Settings;

/// <summary>
/// Controller-wide settings: the code defaults (<see cref="Hosting.RoutingCoreProxyOptions.Defaults"/>) overridden by
/// the keys of the controller ConfigMap, which use ingress-nginx's names. Per-Ingress annotations override the
/// per-request ones. The defaults follow shared research §6 (peers-reliability): connect 5 s, read and send 60 s, body
/// 1 MiB, client keep-alive 75 s and 1,000 requests, header timeout 15 s, TLS 1.2 and 1.3, forwarded headers untrusted.
/// </summary>
public sealed record ControllerSettings
{
    /// <summary>The defaults.</summary>
    public static ControllerSettings Default { get; } = new();

    /// <summary><c>proxy-connect-timeout</c>: the longest a connection to an endpoint may take to open.</summary>
    public TimeSpan ProxyConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// <c>proxy-read-timeout</c>: the longest the backend may stay silent. YARP has one activity timeout for both
    /// directions, so the larger of this and <see cref="ProxySendTimeout"/> is used; it is also the budget retries must
    /// fit in.
    /// </summary>
    public TimeSpan ProxyReadTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary><c>proxy-send-timeout</c>: the longest a write of the request to the backend may stall (see <see cref="ProxyReadTimeout"/>).</summary>
    public TimeSpan ProxySendTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary><c>proxy-body-size</c>: the largest request body in bytes, 0 for no limit; a larger one is answered 413.</summary>
    public long ProxyBodySize { get; init; } = 1024 * 1024;

    /// <summary><c>keep-alive</c>: how long an idle client connection is kept (Kestrel's keep-alive timeout; read at start-up).</summary>
    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(75);

    /// <summary><c>keep-alive-requests</c>: after this many requests on one HTTP/1.1 connection the proxy closes it.</summary>
    public int KeepAliveRequests { get; init; } = 1000;

    /// <summary><c>client-header-timeout</c>: the time a client has to send the request headers (read at start-up).</summary>
    public TimeSpan ClientHeaderTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary><c>ssl-protocols</c>: the TLS versions the HTTPS listener accepts (<c>TLSv1.2 TLSv1.3</c>).</summary>
    public SslProtocols SslProtocols { get; init; } = SslProtocols.Tls12 | SslProtocols.Tls13;

    /// <summary><c>use-forwarded-headers</c>: trust the X-Forwarded-* headers of peers in <see cref="ProxyRealIpCidr"/>.</summary>
    public bool UseForwardedHeaders { get; init; }

    /// <summary><c>proxy-real-ip-cidr</c>: the peers trusted when <see cref="UseForwardedHeaders"/> is on; every address by default.</summary>
    public IReadOnlyList<IPNetwork> ProxyRealIpCidr { get; init; } = [IPNetwork.Parse("0.0.0.0/0"), IPNetwork.Parse("::/0")];

    /// <summary><c>server-tokens</c>: send a <c>Server</c> header on the responses the proxy makes itself.</summary>
    public bool ServerTokens { get; init; }

    /// <summary><c>ssl-redirect</c>: redirect plain HTTP to HTTPS for hosts with a tls entry, for every Ingress (ING-T6).</summary>
    public bool SslRedirect { get; init; }

    /// <summary><c>load-balance</c>: the selection for Ingresses that do not choose one.</summary>
    public LoadBalanceAlgorithm LoadBalance { get; init; } = LoadBalanceAlgorithm.RoundRobin;
}
