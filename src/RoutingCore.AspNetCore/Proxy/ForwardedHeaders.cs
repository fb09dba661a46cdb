using System.Net;
using Microsoft.AspNetCore.Http;

namespace RoutingCore.AspNetCore.Proxy;

/// <summary>
/// X-Forwarded-For/-Proto/-Host/-Port and X-Real-IP. From an untrusted peer every client-supplied one (and
/// <c>Forwarded</c>) is dropped and the proxy states what it saw; from a trusted proxy they are kept, our hop is
/// appended to X-Forwarded-For, and the client is the right-most X-Forwarded-For address that is not itself a trusted
/// proxy (the left-most ones can be forged by anyone).
/// </summary>
internal static class ForwardedHeaders
{
    public const string For = "X-Forwarded-For";
    public const string Proto = "X-Forwarded-Proto";
    public const string Host = "X-Forwarded-Host";
    public const string Port = "X-Forwarded-Port";
    public const string RealIp = "X-Real-IP";

    /// <summary>The peer address, IPv4-mapped IPv6 folded to IPv4 so that CIDR lists match.</summary>
    public static IPAddress Peer(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress ?? IPAddress.IPv6None;
        return address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
    }

    /// <summary>The client address: the peer, or when the peer is trusted the right-most untrusted X-Forwarded-For entry.</summary>
    public static IPAddress Client(HttpContext context, IPAddress peer, Func<IPAddress, bool> isTrusted)
    {
        var client = peer;
        var values = context.Request.Headers[For];
        for (var v = values.Count - 1; v >= 0; v--)
        {
            var entries = (values[v] ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            for (var i = entries.Length - 1; i >= 0; i--)
            {
                if (!IPAddress.TryParse(entries[i], out var address))
                {
                    return client;
                }

                client = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
                if (!isTrusted(client))
                {
                    return client;
                }
            }
        }

        return client;
    }

    /// <summary>Sets the forwarded headers on <paramref name="request"/>, after YARP copied the client's headers.</summary>
    public static void Apply(HttpContext context, HttpRequestMessage request, bool trusted, string peer, string client)
    {
        var headers = request.Headers;
        var incoming = context.Request.Headers;
        headers.Remove(For);
        headers.Remove(RealIp);
        if (!trusted)
        {
            headers.Remove(Proto);
            headers.Remove(Host);
            headers.Remove(Port);
            headers.Remove("Forwarded");
        }

        var chain = trusted ? incoming[For].ToString() : "";
        headers.TryAddWithoutValidation(For, chain.Length == 0 ? peer : chain + ", " + peer);
        headers.TryAddWithoutValidation(RealIp, client);
        if (!trusted || !incoming.ContainsKey(Proto))
        {
            headers.Remove(Proto);
            headers.TryAddWithoutValidation(Proto, context.Request.Scheme);
        }

        if (!trusted || !incoming.ContainsKey(Host))
        {
            headers.Remove(Host);
            headers.TryAddWithoutValidation(Host, context.Request.Host.Value ?? "");
        }

        if (!trusted || !incoming.ContainsKey(Port))
        {
            headers.Remove(Port);
            headers.TryAddWithoutValidation(Port, context.Connection.LocalPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
