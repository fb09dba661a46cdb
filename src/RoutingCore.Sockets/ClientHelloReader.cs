using System.Net.Sockets;

namespace RoutingCore.Sockets;

/// <summary>
/// Reads the start of a TLS connection until the ClientHello is complete, the cap is reached, the data cannot be a
/// ClientHello, the client closes, or the timeout passes. The bytes stay in the caller's buffer to be forwarded
/// untouched: the hello is inspected, not consumed.
/// </summary>
internal static class ClientHelloReader
{
    /// <summary>
    /// The status, the server name (when complete), how many bytes of <paramref name="buffer"/> were filled, and
    /// whether the client closed its side before the ClientHello was complete.
    /// </summary>
    /// <param name="socket">The client connection.</param>
    /// <param name="buffer">Receives the bytes; its length is the size cap.</param>
    /// <param name="timeout">How long the client has to send its ClientHello.</param>
    /// <param name="time">The clock of the timeout.</param>
    /// <param name="shutdown">Cancelled when the proxy stops.</param>
    /// <returns><see cref="ClientHelloStatus.NeedMore"/> when the timeout passed or the client closed first.</returns>
    public static async Task<(ClientHelloStatus Status, string? ServerName, int Length, bool Closed)> ReadAsync(
        Socket socket, Memory<byte> buffer, TimeSpan timeout, TimeProvider time, CancellationToken shutdown)
    {
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, shutdown);
        var length = 0;
        try
        {
            while (length < buffer.Length)
            {
                var read = await socket.ReceiveAsync(buffer[length..], SocketFlags.None, linked.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    return (ClientHelloStatus.NeedMore, null, length, true);
                }

                length += read;
                var status = ClientHelloParser.TryGetServerName(buffer.Span[..length], buffer.Length, out var serverName);
                if (status != ClientHelloStatus.NeedMore)
                {
                    return (status, serverName, length, false);
                }
            }

            return (ClientHelloStatus.TooLarge, null, length, false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !shutdown.IsCancellationRequested)
        {
            return (ClientHelloStatus.NeedMore, null, length, false);
        }
    }
}
