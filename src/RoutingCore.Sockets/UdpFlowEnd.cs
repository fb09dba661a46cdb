namespace RoutingCore.Sockets;

/// <summary>Why a UDP flow ended.</summary>
internal enum UdpFlowEnd
{
    /// <summary>No datagram either way for <see cref="SocketProxyOptions.UdpIdleTimeout"/>.</summary>
    Idle,

    /// <summary>Its endpoint left the Service or stopped being usable; the next datagram picks again.</summary>
    Repinned,

    /// <summary>The endpoint answered with an error (ICMP port unreachable) or the send failed.</summary>
    Error,

    /// <summary>The listener stopped.</summary>
    Stopped,
}
