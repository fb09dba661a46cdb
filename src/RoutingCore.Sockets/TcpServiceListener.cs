using System.Net;
using System.Net.Sockets;
using RoutingCore.Proxying;

namespace RoutingCore.Sockets;

/// <summary>
/// Accepts TCP connections on one frontend address and hands each to <see cref="TcpServiceSession"/>. The frontend is
/// looked up in the current table per connection, so a listener survives table swaps untouched, and removing it (the
/// frontend left the table) closes only the listening socket: connections it accepted keep running.
/// </summary>
internal sealed class TcpServiceListener(ServiceProxy proxy, IPEndPoint endPoint, string service) : IServiceListener
{
    private Socket? _socket;

    public IPEndPoint EndPoint { get; private set; } = endPoint;

    public ProxyProtocol Protocol => ProxyProtocol.Tcp;

    public string Service { get; } = service;

    public void Start()
    {
        _socket = ListenSockets.OpenTcp(EndPoint, proxy.Options.ListenBacklog);
        EndPoint = (IPEndPoint)_socket.LocalEndPoint!;
        proxy.Tracker.Track(AcceptLoopAsync(_socket));
    }

    public void Stop() => _socket?.Dispose();

    public void ApplyTable(ProxyTable table)
    {
    }

    public void Sweep(long now)
    {
    }

    private Task AcceptLoopAsync(Socket listener) =>
        AcceptLoop.RunAsync(listener, accepted =>
        {
            proxy.Tracker.BeginSession();
            _ = TcpServiceSession.RunAsync(proxy, accepted, EndPoint);
        });
}
