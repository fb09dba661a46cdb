using RoutingCore.Matching;

namespace RoutingCore.AspNetCore.Settings;

/// <summary>
/// Everything the request path needs about one route, compiled once per proxy snapshot so that a request does one
/// dictionary lookup after matching: the owning Ingress's settings, the upstream (and the canary's), the body limit,
/// the rewrite and the redirect rule.
/// </summary>
internal sealed class RouteSettings
{
    public required IngressSettings Settings { get; init; }

    /// <summary>The metric tag: <c>namespace/name</c> of the Ingress, or <c>-</c>.</summary>
    public required string IngressTag { get; init; }

    /// <summary>The main upstream; null for resource backends.</summary>
    public UpstreamBackend? Upstream { get; init; }

    /// <summary>The canary upstream and its split; null when no canary Ingress shares the route.</summary>
    public UpstreamBackend? CanaryUpstream { get; init; }

    public CanarySettings? Canary { get; init; }

    /// <summary>The largest request body in bytes; null for no limit.</summary>
    public long? MaxBodySize { get; init; }

    /// <summary>The matched rule path with its trailing slash removed (Prefix) or whole (Exact), when rewriting.</summary>
    public string? RewriteMatch { get; init; }

    public PathMatchType RewriteMatchType { get; init; }

    /// <summary>The rewrite target; null for no rewrite.</summary>
    public string? RewriteTarget { get; init; }

    /// <summary>Redirect plain HTTP for every host.</summary>
    public bool RedirectAllHosts { get; init; }

    /// <summary>Redirect plain HTTP for these hosts (the Ingress's tls hosts); null for none.</summary>
    public TlsHostSet? RedirectHosts { get; init; }

    /// <summary>ING-B8 with a typed rewrite: the path to forward for the normalised request path.</summary>
    public string Rewrite(string path)
    {
        if (RewriteTarget is not { } target || RewriteMatch is not { } match)
        {
            return path;
        }

        if (RewriteMatchType == PathMatchType.Exact)
        {
            return target;
        }

        // Prefix: the request path is match + rest, where rest is empty or starts with '/' (ING-P2); the target
        // replaces the match, its trailing slash dropped so that "/" + "/x" gives "/x", not "//x".
        var rest = path.StartsWith(match, StringComparison.Ordinal) ? path.AsSpan(match.Length) : path.AsSpan();
        var result = string.Concat(target.AsSpan().TrimEnd('/'), rest);
        return result.Length == 0 ? "/" : result;
    }
}
