using System.Net;
using System.Net.Sockets;
using System.Text;
using RoutingCore.Proxying;

namespace RoutingCore.Sockets;

/// <summary>
/// PX-11: the health-check node port of a LoadBalancer Service with Local external policy. Any HTTP request gets
/// <c>200</c> when the node has local endpoints for the Service and <c>503</c> when it has none, with kube-proxy's JSON
/// body (<c>{"service":{...},"localEndpoints":n,"serviceProxyHealthy":true}</c>), then the connection is closed. The
/// count is read from the table current when the request arrives.
/// </summary>
internal sealed class HealthCheckListener(ServiceProxy proxy, IPEndPoint endPoint, string service) : IServiceListener
{
    private const int MaxRequestHead = 8192;
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);
    private Socket? _socket;

    public IPEndPoint EndPoint { get; } = endPoint;

    public ProxyProtocol Protocol => ProxyProtocol.Tcp;

    public string Service { get; } = service;

    public void Start()
    {
        _socket = ListenSockets.OpenTcp(EndPoint, 128);
        proxy.Tracker.Track(AcceptLoopAsync(_socket));
    }

    public void Stop() => _socket?.Dispose();

    public void ApplyTable(ProxyTable table)
    {
    }

    public void Sweep(long now)
    {
    }

    /// <summary>The response for <paramref name="table"/>: 200 with local endpoints, else 503.</summary>
    internal byte[] Response(ProxyTable table)
    {
        var check = table.HealthChecks.FirstOrDefault(h => h.EndPoint.Equals(EndPoint));
        var body = check?.Body ?? "{\"localEndpoints\":0,\"serviceProxyHealthy\":true}";
        var status = check is { LocalEndpoints: > 0 } ? "200 OK" : "503 Service Unavailable";
        return Encoding.ASCII.GetBytes(
            $"HTTP/1.1 {status}\r\nContent-Type: application/json\r\nX-Content-Type-Options: nosniff\r\n" +
            $"Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\nConnection: close\r\n\r\n{body}");
    }

    private Task AcceptLoopAsync(Socket listener) =>
        AcceptLoop.RunAsync(listener, accepted =>
        {
            proxy.Tracker.BeginSession();
            _ = AnswerAsync(accepted);
        });

    private async Task AnswerAsync(Socket client)
    {
        try
        {
            using (client)
            using (var deadline = new CancellationTokenSource(RequestTimeout, proxy.Time))
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, proxy.Shutdown))
            {
                var head = new byte[MaxRequestHead];
                var length = 0;
                while (length < head.Length && head.AsSpan(0, length).IndexOf("\r\n\r\n"u8) < 0)
                {
                    var read = await client.ReceiveAsync(head.AsMemory(length), SocketFlags.None, linked.Token).ConfigureAwait(false);
                    if (read == 0)
                    {
                        return;
                    }

                    length += read;
                }

                await TcpRelay.SendAllAsync(client, Response(proxy.Table)).ConfigureAwait(false);
                client.Shutdown(SocketShutdown.Send);
            }
        }
        catch (Exception error) when (error is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The client went away or took too long.
        }
        finally
        {
            proxy.Tracker.EndSession();
        }
    }
}
