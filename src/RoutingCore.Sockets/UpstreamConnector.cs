using System.Net;
using System.Net.Sockets;
using RoutingCore.Balancing;
using RoutingCore.Proxying;

namespace RoutingCore.Sockets;

/// <summary>
/// Connects to a selected endpoint with a timeout and, when the endpoint refuses, times out or is unreachable, to
/// another endpoint of the same set not tried yet, up to <see cref="SocketProxyOptions.ConnectAttempts"/> in all.
/// Each failure completes its lease as a failure (passive health) and is counted; the lease of the endpoint finally
/// connected stays open in the slot for the caller to complete when the connection ends.
/// </summary>
internal static class UpstreamConnector
{
    /// <summary>The connected socket, or null when every attempt failed (the slot's lease is then completed).</summary>
    public static async Task<Socket?> ConnectAsync(LeaseSlot slot, EndpointSet? set, IPAddress client, SocketProxyOptions options,
        ConnectionTracker tracker, TimeProvider time, ProxyMetrics metrics, ProxyTags tags, CancellationToken shutdown)
    {
        EndpointKey[]? tried = null;
        for (var attempt = 1; ; attempt++)
        {
            var endpoint = slot.Lease.Endpoint;
            var error = await TryConnectAsync(endpoint, tracker, ConnectionTracker.Ticks(time, options.ConnectTimeout), time, shutdown).ConfigureAwait(false);
            if (error.Socket is { } socket)
            {
                return socket;
            }

            metrics.ConnectFailure(in tags, ErrorName(error.Error));
            slot.Lease.Complete(shutdown.IsCancellationRequested ? EndpointOutcome.Neutral : EndpointOutcome.Failure);
            tried ??= new EndpointKey[options.ConnectAttempts];
            tried[attempt - 1] = endpoint.Key;
            if (attempt >= options.ConnectAttempts || set is null || shutdown.IsCancellationRequested || !Reselect(slot, set, client, tried.AsSpan(0, attempt)))
            {
                return null;
            }
        }
    }

    /// <summary>Connects directly to a fixed address (passthrough targets outside any Service).</summary>
    public static async Task<Socket?> ConnectAsync(IPEndPoint target, SocketProxyOptions options, ConnectionTracker tracker, TimeProvider time, ProxyMetrics metrics, ProxyTags tags, CancellationToken shutdown)
    {
        var result = await TryConnectAsync(target, tracker, ConnectionTracker.Ticks(time, options.ConnectTimeout), time, shutdown).ConfigureAwait(false);
        if (result.Socket is null)
        {
            metrics.ConnectFailure(in tags, ErrorName(result.Error));
        }

        return result.Socket;
    }

    private static bool Reselect(LeaseSlot slot, EndpointSet set, IPAddress client, ReadOnlySpan<EndpointKey> tried)
    {
        var context = SelectionContext.None.WithClientAddress(client);
        return EndpointRetry.TrySelectExcept(set, in context, tried, out slot.Lease);
    }

    private static Task<(Socket? Socket, SocketError Error)> TryConnectAsync(EndpointDescription endpoint, ConnectionTracker tracker, long timeout, TimeProvider time, CancellationToken shutdown) =>
        endpoint.IPAddress is { } address
            ? TryConnectAsync(new IPEndPoint(address, endpoint.Port), tracker, timeout, time, shutdown)
            : Task.FromResult<(Socket?, SocketError)>((null, SocketError.HostNotFound)); // FQDN slices are not proxied

    /// <summary>
    /// One connect. PERF: no timer and no cancellation registration per connect: the deadline is registered with the
    /// tracker, whose sweeper disposes the socket when it passes (and disposal of the proxy disposes it too).
    /// </summary>
    private static async Task<(Socket? Socket, SocketError Error)> TryConnectAsync(IPEndPoint target, ConnectionTracker tracker, long timeout, TimeProvider time, CancellationToken shutdown)
    {
        var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        tracker.ConnectStarted(socket, time.GetTimestamp() + timeout);
        try
        {
            await socket.ConnectAsync(target, CancellationToken.None).ConfigureAwait(false);
            if (tracker.ConnectEnded(socket))
            {
                return (socket, SocketError.Success);
            }

            socket.Dispose(); // connected just as the sweeper timed it out
            return (null, SocketError.TimedOut);
        }
        catch (Exception error) when (error is SocketException or ObjectDisposedException)
        {
            var timedOut = !tracker.ConnectEnded(socket);
            socket.Dispose();
            return (null, shutdown.IsCancellationRequested ? SocketError.OperationAborted
                : timedOut ? SocketError.TimedOut
                : error is SocketException socketError ? socketError.SocketErrorCode : SocketError.OperationAborted);
        }
    }

    private static string ErrorName(SocketError error) => error switch
    {
        SocketError.ConnectionRefused => "connection_refused",
        SocketError.TimedOut => "timeout",
        SocketError.HostUnreachable or SocketError.NetworkUnreachable => "unreachable",
        SocketError.OperationAborted => "aborted",
        SocketError.HostNotFound => "not_an_ip",
        _ => "other",
    };
}
