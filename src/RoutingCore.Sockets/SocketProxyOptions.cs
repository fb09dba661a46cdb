using System.Diagnostics.Metrics;

namespace RoutingCore.Sockets;

/// <summary>How the socket adapter of the Service proxy connects, copies, times out and counts.</summary>
public sealed record SocketProxyOptions
{
    /// <summary>
    /// How long a connection to an endpoint may take (default 5 s, as ingress-nginx's proxy-connect-timeout); enforced
    /// by the sweeper, so to within <see cref="SweepInterval"/>.
    /// </summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The most <see cref="ConnectAttempts"/> may be.</summary>
    public const int MaxConnectAttempts = 100;

    /// <summary>
    /// Endpoints tried per accepted connection (default 3, at most <see cref="MaxConnectAttempts"/>): when an endpoint
    /// refuses, times out or is unreachable, another one not yet tried is picked. 1 turns retrying off, as kube-proxy
    /// (which cannot retry) behaves.
    /// </summary>
    public int ConnectAttempts { get; init; } = 3;

    /// <summary>
    /// The most a TCP relay moves per system call (default 64 KiB, at least 4 KiB). On the sockets transport it is the
    /// copy buffer of each direction during a burst, rented from a pool (quiet connections use 4 KiB buffers); on the
    /// epoll transport each event loop reads into one buffer of this size, and a connection holds a buffer of its own
    /// only for data its receiver cannot take yet.
    /// </summary>
    public int BufferSize { get; init; } = 64 * 1024;

    /// <summary>A TCP connection with no data either way for this long is closed (default 1 h); null never closes.</summary>
    public TimeSpan? IdleTimeout { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long established connections to an endpoint removed from its Service may continue (default 30 s, the
    /// default pod termination grace period); they are then closed. New connections never go to a removed endpoint.
    /// </summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A UDP flow (client → endpoint) with no datagram either way for this long is forgotten (default 30 s, as conntrack).</summary>
    public TimeSpan UdpIdleTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The most UDP flows per listener (default 16384); datagrams of new clients are dropped while it is full.</summary>
    public int MaxUdpFlows { get; init; } = 16384;

    /// <summary>The largest UDP datagram relayed (default 65507, the IPv4 maximum); longer ones are truncated by the kernel.</summary>
    public int MaxDatagramSize { get; init; } = 65507;

    /// <summary>The accept queue length of each TCP listener (default 4096; the kernel caps it at somaxconn).</summary>
    public int ListenBacklog { get; init; } = 4096;

    /// <summary>How often idle, drain and UDP expiry deadlines are checked (default 1 s).</summary>
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The engine that relays TCP connections of Service frontends (default <see cref="TcpTransport.Auto"/>: epoll on
    /// Linux). TLS passthrough and health-check listeners always use .NET sockets; UDP is unaffected.
    /// </summary>
    public TcpTransport Transport { get; init; } = TcpTransport.Auto;

    /// <summary>The event loops (threads) of the <see cref="TcpTransport.Epoll"/> transport; null for one per processor.</summary>
    public int? EventLoops { get; init; }

    /// <summary>The transport <see cref="Transport"/> resolves to on this machine.</summary>
    public TcpTransport EffectiveTransport => Transport switch
    {
        TcpTransport.Auto => Epoll.Native.IsSupported ? TcpTransport.Epoll : TcpTransport.Sockets,
        _ => Transport,
    };

    /// <summary>Creates the <c>RoutingCore</c> meter (dependency injection); null creates a meter owned by the proxy.</summary>
    public IMeterFactory? MeterFactory { get; init; }

    /// <summary>Throws when a value is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    /// <exception cref="PlatformNotSupportedException"><see cref="TcpTransport.Epoll"/> on a platform without it.</exception>
    public void Validate()
    {
        if (Transport == TcpTransport.Epoll && !Epoll.Native.IsSupported)
        {
            throw new PlatformNotSupportedException(
                $"The epoll TCP transport needs Linux on x86-64 or arm64; this is {System.Runtime.InteropServices.RuntimeInformation.OSDescription} on {System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture}. Use TcpTransport.Auto or TcpTransport.Sockets.");
        }

        if (EventLoops is { } loops)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(loops, 1, nameof(EventLoops));
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ConnectTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(ConnectAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ConnectAttempts, MaxConnectAttempts);
        ArgumentOutOfRangeException.ThrowIfLessThan(BufferSize, TcpRelay.SmallBuffer);
        if (IdleTimeout is { } idle)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(idle, TimeSpan.Zero, nameof(IdleTimeout));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(DrainTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(UdpIdleTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxUdpFlows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDatagramSize, 512);
        ArgumentOutOfRangeException.ThrowIfLessThan(ListenBacklog, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(SweepInterval, TimeSpan.Zero);
    }
}
