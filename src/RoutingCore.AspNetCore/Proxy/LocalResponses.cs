using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using RoutingCore.AspNetCore.Settings;

namespace RoutingCore.AspNetCore.Proxy;

/// <summary>The answers the proxy gives itself: default backend, unavailable backend, refused requests, redirects.</summary>
internal static class LocalResponses
{
    /// <summary>The <c>Server</c> value when <c>server-tokens</c> is on.</summary>
    public static readonly string ServerToken = "RoutingCore/" + typeof(LocalResponses).Assembly.GetName().Version?.ToString(3);

    /// <summary>ING-D3: 404 <c>default backend - 404</c>, text/plain.</summary>
    public static Task DefaultBackend(HttpContext context, ProxySnapshot snapshot) =>
        Text(context, snapshot, StatusCodes.Status404NotFound, "default backend - 404");

    /// <summary>ING-B4: 503 with Retry-After.</summary>
    public static Task Unavailable(HttpContext context, ProxySnapshot snapshot, TimeSpan retryAfter, string reason)
    {
        context.Response.Headers.RetryAfter = ((long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return Text(context, snapshot, StatusCodes.Status503ServiceUnavailable, "503 Service Unavailable: " + reason);
    }

    /// <summary>A request refused before routing or forwarding (400, 413).</summary>
    public static Task Refuse(HttpContext context, ProxySnapshot snapshot, int statusCode, string reason) =>
        Text(context, snapshot, statusCode, reason);

    /// <summary>ING-T6: 308 to the same host, path and query over HTTPS.</summary>
    public static Task Redirect(HttpContext context, ProxySnapshot snapshot, string location)
    {
        context.Response.StatusCode = StatusCodes.Status308PermanentRedirect;
        context.Response.Headers.Location = location;
        Stamp(context, snapshot);
        return Task.CompletedTask;
    }

    private static Task Text(HttpContext context, ProxySnapshot snapshot, int statusCode, string body)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "text/plain";
        Stamp(context, snapshot);
        return context.Response.WriteAsync(body);
    }

    private static void Stamp(HttpContext context, ProxySnapshot snapshot)
    {
        if (snapshot.Controller.ServerTokens)
        {
            context.Response.Headers[HeaderNames.Server] = ServerToken;
        }
    }
}
