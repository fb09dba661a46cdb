using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace RoutingCore.AspNetCore.Proxy;

/// <summary>
/// Removes the headers a <c>Connection</c> header names (RFC 9110 §7.6.1) from the message being forwarded. YARP
/// already drops the fixed hop-by-hop set (Connection, Keep-Alive, TE, Transfer-Encoding, Upgrade, Proxy-*); this runs
/// before the proxy adds its own headers, so a client cannot make the proxy strip X-Forwarded-For by naming it.
/// </summary>
internal static class HopByHop
{
    public static void RemoveListed(StringValues connection, HttpRequestMessage request)
    {
        foreach (var value in connection)
        {
            foreach (var token in Tokens(value))
            {
                if (!request.Headers.Remove(token))
                {
                    request.Content?.Headers.Remove(token);
                }
            }
        }
    }

    public static void RemoveListed(HttpResponseMessage response, IHeaderDictionary headers)
    {
        if (!response.Headers.NonValidated.TryGetValues("Connection", out var values))
        {
            return;
        }

        foreach (var value in values)
        {
            foreach (var token in Tokens(value))
            {
                headers.Remove(token);
            }
        }
    }

    /// <summary>The header names in a Connection value, without the connection options close, keep-alive and upgrade.</summary>
    private static IEnumerable<string> Tokens(string? value)
    {
        foreach (var part in (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!part.Equals("close", StringComparison.OrdinalIgnoreCase) && !part.Equals("keep-alive", StringComparison.OrdinalIgnoreCase)
                && !part.Equals("upgrade", StringComparison.OrdinalIgnoreCase))
            {
                yield return part;
            }
        }
    }
}
