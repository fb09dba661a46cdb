using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using RoutingCore.AspNetCore.Diagnostics;
using RoutingCore.AspNetCore.Hosting;
using RoutingCore.AspNetCore.Paths;
using RoutingCore.AspNetCore.Settings;
using RoutingCore.Balancing;
using RoutingCore.Routing;

namespace RoutingCore.AspNetCore.Proxy;

/// <summary>
/// The request flow of the Ingress proxy. One read of the current <see cref="ProxySnapshot"/>, then: normalise the
/// path once (ING-P0), match host and path on the snapshot, answer locally what needs no backend (default backend 404,
/// HTTPS redirect, 503 for backends without endpoints, 413 for bodies over the limit), choose main or canary, pick an
/// endpoint with the route's strategy and forward through <see cref="UpstreamForwarder"/>; count the result.
/// </summary>
internal sealed class IngressProxy(RoutingCoreProxy proxy, UpstreamForwarder forwarder, ProxyMetrics metrics, ILogger<IngressProxy> logger)
{
    private static readonly object KeepAliveKey = new();
    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");

    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var snapshot = proxy.Current;
        var options = proxy.Options;
        string ingressTag = "-", serviceTag = "-";
        metrics.RequestStarted();
        try
        {
            var raw = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
            var status = PathNormalizer.Normalize(raw, options.EncodedSlashes == EncodedSlashHandling.Reject, options.MergeSlashes, out var target);
            if (status != PathStatus.Ok)
            {
                ProxyLog.BadTarget(logger, status.ToString(), raw);
                await LocalResponses.Refuse(context, snapshot, StatusCodes.Status400BadRequest, "400 Bad Request: " + Describe(status)).ConfigureAwait(false);
                return;
            }

            var host = context.Request.Host.Value ?? "";
            var route = snapshot.Routing.Route(host, target.Path);
            if (route.Target.Kind == RouteTargetKind.ControllerDefault || snapshot.RouteFor(route.Target) is not { } settings)
            {
                await LocalResponses.DefaultBackend(context, snapshot).ConfigureAwait(false);
                return;
            }

            ingressTag = settings.IngressTag;
            if (!context.Request.IsHttps && (settings.RedirectAllHosts || settings.RedirectHosts is not null) && RedirectFor(context, settings, host, target, options) is { } location)
            {
                await LocalResponses.Redirect(context, snapshot, location).ConfigureAwait(false);
                return;
            }

            if (route.Target.Kind == RouteTargetKind.Resource || settings.Upstream is null)
            {
                await (options.ResourceBackendHandler?.Invoke(context, route.Target)
                    ?? LocalResponses.Unavailable(context, snapshot, options.RetryAfter, "resource backends are not proxied")).ConfigureAwait(false);
                return;
            }

            var upstream = settings.CanaryUpstream is { } canary && UseCanary(context, settings.Canary!, canary) ? canary : settings.Upstream;
            serviceTag = upstream.Tag;
            if (upstream.Backend.Status is not (BackendStatus.Ready or BackendStatus.ExternalName))
            {
                await LocalResponses.Unavailable(context, snapshot, options.RetryAfter, Describe(upstream.Backend.Status)).ConfigureAwait(false);
                return;
            }

            if (!LimitBody(context, settings.MaxBodySize))
            {
                await LocalResponses.Refuse(context, snapshot, StatusCodes.Status413PayloadTooLarge, "413 Request Entity Too Large").ConfigureAwait(false);
                return;
            }

            await ForwardAsync(context, snapshot, settings, upstream, target, started).ConfigureAwait(false);
        }
        finally
        {
            metrics.RequestEnded(ingressTag, serviceTag, context.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }

    private async Task ForwardAsync(HttpContext context, ProxySnapshot snapshot, RouteSettings settings, UpstreamBackend upstream, RequestTarget target, long started)
    {
        var peer = ForwardedHeaders.Peer(context);
        var trusted = snapshot.IsTrustedProxy(peer);
        var client = trusted ? ForwardedHeaders.Client(context, peer, snapshot.IsTrustedProxy) : peer;
        var query = target.Query;
        var exchange = new ProxyExchange(settings.Rewrite(target.Path), query.IsEmpty ? "" : query.ToString(), trusted, peer.ToString(), client.ToString())
        {
            CloseConnection = CountKeepAlive(context, snapshot.Controller.KeepAliveRequests),
        };

        var selection = SelectionContext.None.WithClientAddress(client);
        if (settings.Settings.AffinityCookie is { } cookie)
        {
            selection = selection.WithHashKey(AffinityToken(context, cookie, exchange));
        }

        if (upstream.Endpoints is { Candidates.IsEmpty: true })
        {
            await LocalResponses.Unavailable(context, snapshot, proxy.Options.RetryAfter, Describe(BackendStatus.NoEndpoints)).ConfigureAwait(false);
            return;
        }

        await forwarder.ForwardAsync(context, upstream, exchange, selection, proxy.Options.MaxRetries, started).ConfigureAwait(false);
    }

    /// <summary>ingress-nginx's precedence: the header, then the cookie, then the weight.</summary>
    private static bool UseCanary(HttpContext context, CanarySettings canary, UpstreamBackend upstream)
    {
        if (upstream.Backend.Status is not (BackendStatus.Ready or BackendStatus.ExternalName))
        {
            return false; // a canary that cannot serve never takes traffic from the main backend
        }

        if (canary.Header is { } header && context.Request.Headers.TryGetValue(header, out var value))
        {
            if (canary.HeaderValue is { } expected ? value == expected : value == "always")
            {
                return true;
            }

            if (canary.HeaderValue is null && value == "never")
            {
                return false;
            }
        }

        if (canary.Cookie is { } name && context.Request.Cookies[name] is { } cookie)
        {
            if (cookie == "always")
            {
                return true;
            }

            if (cookie == "never")
            {
                return false;
            }
        }

        return canary.Weight > 0 && Random.Shared.Next(canary.WeightTotal) < canary.Weight;
    }

    /// <summary>The client's affinity token, or a new random one that the response will set.</summary>
    private static string AffinityToken(HttpContext context, AffinityCookieSettings cookie, ProxyExchange exchange)
    {
        if (context.Request.Cookies[cookie.Name] is { Length: 32 } token && !token.AsSpan().ContainsAnyExcept(LowerHex))
        {
            return token;
        }

        var fresh = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var header = $"{cookie.Name}={fresh}; Path={cookie.Path}; HttpOnly";
        if (cookie.MaxAge is { } maxAge)
        {
            header += string.Create(CultureInfo.InvariantCulture, $"; Max-Age={(long)maxAge.TotalSeconds}");
        }

        if (cookie.SameSite is { } sameSite)
        {
            header += "; SameSite=" + sameSite + (sameSite == "None" ? "; Secure" : "");
        }

        exchange.SetCookie = header;
        return fresh;
    }

    /// <summary>413 before contacting the backend when Content-Length says so; otherwise Kestrel enforces it while streaming.</summary>
    private static bool LimitBody(HttpContext context, long? limit)
    {
        if (limit is { } max && context.Request.ContentLength > max)
        {
            return false;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        return true;
    }

    /// <summary><c>keep-alive-requests</c>: true when this HTTP/1.x request is the last its connection may carry.</summary>
    private static bool CountKeepAlive(HttpContext context, int limit)
    {
        if (!HttpProtocol.IsHttp11(context.Request.Protocol) || context.Features.Get<IPersistentStateFeature>()?.State is not { } state)
        {
            return false;
        }

        var counter = state.TryGetValue(KeepAliveKey, out var existing) ? (StrongBox<int>)existing! : (StrongBox<int>)(state[KeepAliveKey] = new StrongBox<int>());
        return ++counter.Value >= limit;
    }

    private static string? RedirectFor(HttpContext context, RouteSettings settings, string host, RequestTarget target, RoutingCoreProxyOptions options)
    {
        var name = HostName(host);
        if (!settings.RedirectAllHosts && settings.RedirectHosts?.Contains(name) != true)
        {
            return null;
        }

        var port = options.HttpsRedirectPort is { } p and not 443 ? ":" + p.ToString(CultureInfo.InvariantCulture) : "";
        var authority = name.Contains(':', StringComparison.Ordinal) ? "[" + name + "]" : name;
        return string.Concat("https://", authority, port, target.Path) + target.Query.ToString();
    }

    /// <summary>ING-H1 for the redirect and tls-host check: no port, lower case, no trailing dot, no IPv6 brackets.</summary>
    private static string HostName(string host)
    {
        var span = host.AsSpan();
        if (span.StartsWith('['))
        {
            var close = span.IndexOf(']');
            span = close > 0 ? span[1..close] : span;
        }
        else if (span.LastIndexOf(':') is var colon and >= 0)
        {
            span = span[..colon];
        }

        return span.TrimEnd('.').ToString().ToLowerInvariant();
    }

    private static string Describe(PathStatus status) => status switch
    {
        PathStatus.InvalidEncoding => "invalid percent-encoding in the path",
        PathStatus.ControlCharacter => "NUL or control character in the path",
        PathStatus.EncodedSlash => "encoded slash (%2F or %5C) in the path",
        _ => "the request target is not a path",
    };

    private static string Describe(BackendStatus status) => status switch
    {
        BackendStatus.ServiceNotFound => "the Service does not exist",
        BackendStatus.PortNotFound => "the Service has no such port",
        BackendStatus.NotProxied => "the Service is not proxied",
        _ => "the Service has no ready endpoints",
    };
}
