using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Yarp.ReverseProxy.Forwarder;

namespace RoutingCore.AspNetCore.Proxy;

/// <summary>
/// The YARP transformer of one request (one small allocation per request, reused across its retries): copies the
/// headers as YARP does, removes those the client's <c>Connection</c> header names, sets the forwarded headers, and
/// sends exactly the normalised (and possibly rewritten) path with the query as received (ING-P0, ING-B8). The Host
/// header is forwarded as received. On the way back it removes headers the backend's <c>Connection</c> names and adds
/// the affinity cookie and the connection close the proxy decided on.
/// </summary>
internal sealed class ProxyExchange(string path, string query, bool trusted, string peer, string client) : HttpTransformer
{
    private static readonly UriCreationOptions Verbatim = new() { DangerousDisablePathAndQueryCanonicalization = true };

    /// <summary>A <c>Set-Cookie</c> value to add to the response, when a new affinity token was issued.</summary>
    public string? SetCookie { get; set; }

    /// <summary>Ask the client to close the connection after this response (<c>keep-alive-requests</c>).</summary>
    public bool CloseConnection { get; set; }

    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken).ConfigureAwait(false);
        if (httpContext.Request.Headers.TryGetValue(HeaderNames.Connection, out var connection))
        {
            HopByHop.RemoveListed(connection, proxyRequest);
        }

        ForwardedHeaders.Apply(httpContext, proxyRequest, trusted, peer, client);

        // Verbatim: System.Uri would otherwise re-canonicalise the path we matched on.
        proxyRequest.RequestUri = new Uri(string.Concat(destinationPrefix, path, query), in Verbatim);
    }

    public override async ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
    {
        var copy = await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken).ConfigureAwait(false);
        if (proxyResponse is null)
        {
            return copy;
        }

        HopByHop.RemoveListed(proxyResponse, httpContext.Response.Headers);
        if (SetCookie is { } cookie)
        {
            httpContext.Response.Headers.Append(HeaderNames.SetCookie, cookie);
        }

        if (CloseConnection && httpContext.Response.StatusCode != StatusCodes.Status101SwitchingProtocols)
        {
            httpContext.Response.Headers.Connection = "close";
        }

        return copy;
    }
}
