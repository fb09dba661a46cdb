using System.Net;
using System.Net.Sockets;
using RoutingCore.Proxying;

namespace RoutingCore.Sockets;

/// <summary>
/// Opens listening sockets on a frontend's own address and explains failures. TCP listeners set SO_REUSEADDR (raw, so
/// that .NET does not add SO_REUSEPORT on Linux): a listener removed and added again must rebind while connections it
/// accepted are still open, yet two live listeners must never share a port silently.
/// </summary>
internal static class ListenSockets
{
    private const int SolSocket = 1;
    private const int SoReuseAddr = 2;

    public static Socket OpenTcp(IPEndPoint endPoint, int backlog)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (OperatingSystem.IsLinux())
            {
                socket.SetRawSocketOption(SolSocket, SoReuseAddr, BitConverter.GetBytes(1));
            }

            socket.NoDelay = true;
            socket.Bind(endPoint);
            socket.Listen(backlog);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public static Socket OpenUdp(IPEndPoint endPoint)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(endPoint);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The fault report: what failed, for which Service, and the fix.</summary>
    public static ListenerFault Fault(string service, IPEndPoint endPoint, ProxyProtocol protocol, SocketException error)
    {
        var transport = protocol == ProxyProtocol.Tcp ? "TCP" : "UDP";
        var fix = error.SocketErrorCode switch
        {
            SocketError.AccessDenied when endPoint.Port < 1024 =>
                $"ports below 1024 need privilege: grant it with `sudo setcap cap_net_bind_service=+ep <path to dotnet or the app>`, lower net.ipv4.ip_unprivileged_port_start, or give the Service a port of 1024 or more",
            SocketError.AccessDenied => "the operating system refused the bind; check the process's permissions",
            SocketError.AddressAlreadyInUse =>
                $"another socket already listens on {endPoint} ({transport}); stop it (`ss -lntup | grep ':{endPoint.Port} '` shows which) or change the Service's port",
            SocketError.AddressNotAvailable =>
                $"{endPoint.Address} is not an address of this host; add it to an interface (`ip addr add {endPoint.Address}/32 dev lo`), or use 127.0.0.0/8 addresses, which Linux answers on loopback without configuration",
            _ => "check the address and port",
        };
        return new ListenerFault(service, endPoint, protocol, error.SocketErrorCode,
            $"Service {service}: cannot listen on {endPoint}/{transport}: {error.SocketErrorCode} ({error.Message}); {fix}. Other listeners keep running.");
    }
}
