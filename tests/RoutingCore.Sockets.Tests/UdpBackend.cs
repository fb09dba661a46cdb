using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RoutingCore.Sockets.Tests;

/// <summary>A UDP pod on loopback: answers each datagram with <c>name:payload</c> and remembers where it came from.</summary>
internal sealed class UdpBackend : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly List<IPEndPoint> _sources = [];
    private readonly Lock _gate = new();
    private readonly Task _loop;

    private UdpBackend(IPEndPoint endPoint, string name)
    {
        Name = name;
        _socket = new Socket(endPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        _socket.Bind(endPoint);
        _loop = LoopAsync();
    }

    public string Name { get; }

    public IReadOnlyList<IPEndPoint> Sources
    {
        get
        {
            lock (_gate)
            {
                return [.. _sources];
            }
        }
    }

    public static UdpBackend Start(IPEndPoint endPoint, string name) => new(endPoint, name);

    public async ValueTask DisposeAsync()
    {
        _socket.Dispose();
        await _loop;
    }

    private async Task LoopAsync()
    {
        var buffer = new byte[65536];
        while (true)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _socket.ReceiveFromAsync(buffer, new IPEndPoint(IPAddress.Any, 0));
            }
            catch (Exception error) when (error is SocketException or ObjectDisposedException)
            {
                return;
            }

            var from = (IPEndPoint)received.RemoteEndPoint;
            lock (_gate)
            {
                _sources.Add(from);
            }

            var reply = Encoding.ASCII.GetBytes(Name + ":").Concat(buffer.AsSpan(0, received.ReceivedBytes).ToArray()).ToArray();
            try
            {
                await _socket.SendToAsync(reply, from);
            }
            catch (Exception error) when (error is SocketException or ObjectDisposedException)
            {
                return;
            }
        }
    }
}

/// <summary>A UDP client connected to a frontend from a chosen source address.</summary>
internal sealed class UdpClientSocket : IDisposable
{
    private readonly Socket _socket;

    public UdpClientSocket(IPEndPoint frontend, IPAddress from)
    {
        _socket = new Socket(frontend.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        _socket.Bind(new IPEndPoint(from, 0));
        _socket.Connect(frontend); // a connected socket only accepts replies from the frontend address itself
    }

    /// <summary>Sends <paramref name="payload"/> and returns the reply (<c>backend:payload</c>).</summary>
    public async Task<string> AskAsync(string payload)
    {
        await _socket.SendAsync(Encoding.ASCII.GetBytes(payload));
        var buffer = new byte[65536];
        var read = await _socket.ReceiveAsync(buffer, SocketFlags.None, Client.Timeout(30));
        return Encoding.ASCII.GetString(buffer, 0, read);
    }

    public Task SendAsync(string payload) => _socket.SendAsync(Encoding.ASCII.GetBytes(payload));

    public void Dispose() => _socket.Dispose();
}
