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
        TimeProvider time, ProxyMetrics metrics, ProxyTags tags, CancellationToken shutdown)
    {
        EndpointKey[]? tried = null;
        for (var attempt = 1; ; attempt++)
        {
            var endpoint = slot.Lease.Endpoint;
            var error = await TryConnectAsync(endpoint, options.ConnectTimeout, time, shutdown).ConfigureAwait(false);
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
    public static async Task<Socket?> ConnectAsync(IPEndPoint target, SocketProxyOptions options, TimeProvider time, ProxyMetrics metrics, ProxyTags tags, CancellationToken shutdown)
    {
        var result = await TryConnectAsync(target, options.ConnectTimeout, time, shutdown).ConfigureAwait(false);
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

    private static Task<(Socket? Socket, SocketError Error)> TryConnectAsync(EndpointDescription endpoint, TimeSpan timeout, TimeProvider time, CancellationToken shutdown) =>
        endpoint.IPAddress is { } address
            ? TryConnectAsync(new IPEndPoint(address, endpoint.Port), timeout, time, shutdown)
            : Task.FromResult<(Socket?, SocketError)>((null, SocketError.HostNotFound)); // FQDN slices are not proxied

    private static async Task<(Socket? Socket, SocketError Error)> TryConnectAsync(IPEndPoint target, TimeSpan timeout, TimeProvider time, CancellationToken shutdown)
    {
        var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            var connect = socket.ConnectAsync(target, shutdown);

            // PERF: a loopback or LAN connect usually completes at once; the timer is only armed when it does not.
            if (!connect.IsCompleted)
            {
                await connect.AsTask().WaitAsync(timeout, time, shutdown).ConfigureAwait(false);
            }
            else
            {
                await connect.ConfigureAwait(false);
            }

            return (socket, SocketError.Success);
        }
        catch (SocketException error)
        {
            socket.Dispose();
            return (null, error.SocketErrorCode);
        }
        catch (TimeoutException)
        {
            socket.Dispose();
            return (null, SocketError.TimedOut);
        }
        catch (OperationCanceledException)
        {
            socket.Dispose();
            return (null, SocketError.OperationAborted);
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
