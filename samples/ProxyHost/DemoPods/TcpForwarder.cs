using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace RoutingCore.ProxyHost.DemoPods;

/// <summary>
/// Forwards every TCP connection accepted on the pod's address to a fixed target: how the ingress-nginx controller pod
/// hands its traffic to the sample host's own Ingress proxy. Each direction is copied until its end-of-stream, which is
/// passed on as a half-close, so request/response protocols and TLS close cleanly.
/// </summary>
internal sealed class TcpForwarder : IDemoServer
{
    private readonly Socket _listener;
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Task, Socket> _connections = new();
    private readonly Task _accepting;

    private TcpForwarder(Socket listener, IPEndPoint target)
    {
        _listener = listener;
        _target = target;
        _accepting = AcceptAsync();
    }

    /// <summary>Where the forwarder listens.</summary>
    public IPEndPoint Endpoint => (IPEndPoint)_listener.LocalEndPoint!;

    /// <summary>Listens on <paramref name="endpoint"/>; throws <see cref="SocketException"/> when the address cannot be bound.</summary>
    public static TcpForwarder Start(IPEndPoint endpoint, IPEndPoint target)
    {
        var listener = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(endpoint);
            listener.Listen(512);
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        return new TcpForwarder(listener, target);
    }

    public async Task StopAsync(TimeSpan grace)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        await _accepting.ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_connections.Keys).WaitAsync(grace).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // What is still open after the grace period is cut by DisposeAsync.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopping.IsCancellationRequested)
        {
            await StopAsync(TimeSpan.Zero).ConfigureAwait(false);
        }

        // Closing the client side makes both copies of a connection end.
        foreach (var client in _connections.Values)
        {
            client.Close(0);
        }

        await Task.WhenAll(_connections.Keys).ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception error) when (error is OperationCanceledException or ObjectDisposedException or SocketException && _stopping.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                continue; // an aborted handshake (ECONNABORTED) ends that connection, not the listener
            }

            var connection = ForwardAsync(client);
            _connections.TryAdd(connection, client);
            _ = connection.ContinueWith(done => _connections.TryRemove(done, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private async Task ForwardAsync(Socket client)
    {
        using (client)
        using (var upstream = new Socket(_target.AddressFamily, SocketType.Stream, ProtocolType.Tcp))
        {
            client.NoDelay = upstream.NoDelay = true;
            try
            {
                using var connect = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
                connect.CancelAfter(TimeSpan.FromSeconds(5));
                await upstream.ConnectAsync(_target, connect.Token).ConfigureAwait(false);
            }
            catch (Exception error) when (error is SocketException or OperationCanceledException)
            {
                client.LingerState = new LingerOption(true, 0); // refuse with a reset, as a dead port would
                return;
            }

            await Task.WhenAll(CopyAsync(client, upstream), CopyAsync(upstream, client)).ConfigureAwait(false);
        }
    }

    /// <summary>Copies until end-of-stream and half-closes the other side; a reset on either side ends both directions.</summary>
    private static async Task CopyAsync(Socket from, Socket to)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await from.ReceiveAsync(buffer, SocketFlags.None).ConfigureAwait(false)) > 0)
            {
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None).ConfigureAwait(false);
            }

            to.Shutdown(SocketShutdown.Send);
        }
        catch (Exception error) when (error is SocketException or ObjectDisposedException)
        {
            // Reset or closed: end both directions now instead of leaving the other copy waiting.
            from.Close(0);
            to.Close(0);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
