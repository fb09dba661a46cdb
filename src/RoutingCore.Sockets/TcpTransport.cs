namespace RoutingCore.Sockets;

/// <summary>Which engine relays the TCP connections of Service frontends (<see cref="SocketProxyOptions.Transport"/>).</summary>
public enum TcpTransport
{
    /// <summary><see cref="Epoll"/> where it is supported (Linux on x86-64 or arm64), <see cref="Sockets"/> elsewhere.</summary>
    Auto,

    /// <summary>
    /// .NET's <see cref="System.Net.Sockets.Socket"/> with async/await on the thread pool: portable to every platform
    /// .NET runs on.
    /// </summary>
    Sockets,

    /// <summary>
    /// RoutingCore's own epoll event loops, one per core (<see cref="SocketProxyOptions.EventLoops"/>): both sockets of a
    /// connection on one thread, no thread-pool hop per read. Linux on x86-64 or arm64 only. It spends about half the
    /// CPU of <see cref="Sockets"/> per short-lived connection (see <c>benchmarks/README.md</c>).
    /// </summary>
    Epoll,
}
