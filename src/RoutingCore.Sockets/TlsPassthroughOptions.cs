using System.Net;
using RoutingCore.Matching;

namespace RoutingCore.Sockets;

/// <summary>A TLS passthrough listener: where it listens, how it routes by server name, and its limits.</summary>
public sealed record TlsPassthroughOptions
{
    /// <summary>The address and port to listen on (port 0 picks a free port; see <see cref="TlsPassthroughListener.EndPoint"/>).</summary>
    public required IPEndPoint EndPoint { get; init; }

    /// <summary>
    /// Server name → target, with Ingress host semantics (exact hosts, <c>*.suffix</c> wildcards, case-insensitive);
    /// the path is always <c>/</c>. Build it with <see cref="TlsPassthroughRoutes.Build"/> or
    /// <see cref="TlsPassthroughRoutes.FromIngresses"/>. A server name with no route goes to <see cref="DefaultTarget"/>.
    /// </summary>
    public required HostPathMatcher<TlsPassthroughTarget> Routes { get; init; }

    /// <summary>
    /// Where connections go that have no server name, an unrouted one, a malformed or oversized ClientHello, or no
    /// ClientHello within the timeout; null closes them.
    /// </summary>
    public TlsPassthroughTarget? DefaultTarget { get; init; }

    /// <summary>How long a client has to send its whole ClientHello (default 10 s).</summary>
    public TimeSpan ClientHelloTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The most bytes read while looking for the server name, record headers included (default 16 KiB).</summary>
    public int MaxClientHelloBytes { get; init; } = 16 * 1024;

    /// <summary>The listener's name in faults and metrics (default <c>tls-passthrough</c>).</summary>
    public string Name { get; init; } = "tls-passthrough";
}
