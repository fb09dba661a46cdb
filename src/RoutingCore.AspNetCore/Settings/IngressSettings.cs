namespace RoutingCore.AspNetCore.Settings;

/// <summary>
/// The typed per-Ingress settings, parsed once per routing snapshot from the Ingress's
/// <c>nginx.ingress.kubernetes.io/*</c> annotations. A null property means "not set": the controller setting (ConfigMap
/// key or code default) applies. Nothing downstream reads an annotation string.
/// </summary>
public sealed record IngressSettings
{
    /// <summary>No annotation set.</summary>
    public static IngressSettings None { get; } = new();

    /// <summary><c>backend-protocol</c>.</summary>
    public BackendProtocol BackendProtocol { get; init; } = BackendProtocol.Http;

    /// <summary><c>load-balance</c>; null inherits the controller setting.</summary>
    public LoadBalanceAlgorithm? LoadBalance { get; init; }

    /// <summary>
    /// <c>rewrite-target</c>: the path that replaces the matched prefix (Prefix and ImplementationSpecific paths) or the
    /// whole path (Exact paths), as Gateway API's ReplacePrefixMatch and ReplaceFullPath. Capture groups (<c>$1</c>)
    /// need regular-expression paths, which RoutingCore does not have, and are refused.
    /// </summary>
    public string? RewriteTarget { get; init; }

    /// <summary><c>proxy-body-size</c> in bytes, 0 for no limit; null inherits the controller setting.</summary>
    public long? ProxyBodySize { get; init; }

    /// <summary><c>proxy-read-timeout</c>; null inherits the controller setting.</summary>
    public TimeSpan? ProxyReadTimeout { get; init; }

    /// <summary><c>proxy-send-timeout</c>; null inherits the controller setting.</summary>
    public TimeSpan? ProxySendTimeout { get; init; }

    /// <summary><c>ssl-redirect</c>: redirect plain HTTP to HTTPS for the hosts this Ingress has a tls entry for; null inherits the ConfigMap.</summary>
    public bool? SslRedirect { get; init; }

    /// <summary><c>force-ssl-redirect</c>: redirect plain HTTP to HTTPS for all hosts of this Ingress.</summary>
    public bool ForceSslRedirect { get; init; }

    /// <summary><c>affinity: cookie</c> and the <c>session-cookie-*</c> settings; null when off.</summary>
    public AffinityCookieSettings? AffinityCookie { get; init; }

    /// <summary><c>canary: "true"</c> and the <c>canary-*</c> settings; null for a main Ingress.</summary>
    public CanarySettings? Canary { get; init; }
}
