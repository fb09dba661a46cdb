using System.Net;
using RoutingCore.Proxying;

namespace RoutingCore.Sockets;

/// <summary>A listener of one frontend address, kept by <see cref="ServiceProxy"/> while the table has the frontend.</summary>
internal interface IServiceListener
{
    /// <summary>The bound address.</summary>
    IPEndPoint EndPoint { get; }

    /// <summary>The transport.</summary>
    ProxyProtocol Protocol { get; }

    /// <summary>The Service port it was opened for (for listings and faults).</summary>
    string Service { get; }

    /// <summary>Binds and starts serving; throws <see cref="System.Net.Sockets.SocketException"/> when the bind fails.</summary>
    void Start();

    /// <summary>Stops accepting; established TCP connections continue (UDP flows end with the socket).</summary>
    void Stop();

    /// <summary>Reacts to a new table (UDP: re-pins flows whose endpoint left).</summary>
    void ApplyTable(ProxyTable table);

    /// <summary>Expires what is idle (UDP flows).</summary>
    void Sweep(long now);
}
