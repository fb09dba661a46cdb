using System.Buffers;
using System.Net.Sockets;
using RoutingCore.Balancing;

namespace RoutingCore.Sockets;

/// <summary>
/// One TCP connection being relayed: two independent one-way pumps, client to endpoint and endpoint to client.
/// </summary>
/// <remarks>
/// <para>Each pump receives into a pooled buffer and sends all of it before receiving again, so a slow reader stalls
/// its writer through TCP flow control (backpressure) and memory stays at one buffer per direction. End of stream
/// on one side becomes a FIN on the other (<c>shutdown(SHUT_WR)</c>) while the opposite pump keeps running: half-close
/// is carried through. A reset or any error on either side aborts both sockets with SO_LINGER 0, so the peer that
/// is still there sees a reset too, as it would without the proxy.</para>
/// <para>The subtle point is memory against system calls. Each pump starts with a small pooled buffer (4 KiB), which is
/// all a request/response exchange or an idle connection needs, so thousands of quiet connections cost little; a
/// read that fills the small buffer signals a burst and the pump switches to a large one
/// (<see cref="SocketProxyOptions.BufferSize"/>), moving bulk data in few system calls; a small read on the large
/// buffer signals the end of the burst and the pump switches back. No zero-byte reads: they would cost an extra
/// system call and wake-up per chunk.</para>
/// </remarks>
internal sealed class TcpRelay
{
    /// <summary>The buffer every pump starts with and returns to when its traffic is quiet.</summary>
    internal const int SmallBuffer = 4096;

    private const int IpProtoTcp = 6;
    private const int TcpCork = 3;
    private static readonly byte[] CorkOn = BitConverter.GetBytes(1);

    private readonly Socket _client;
    private readonly Socket _upstream;
    private readonly ProxyMetrics _metrics;
    private readonly ProxyTags _tags;
    private readonly TimeProvider _time;
    private readonly int _bufferSize;
    private long _lastActivity;
    private int _closed;
    private int _ended;

    public TcpRelay(Socket client, Socket upstream, ProxyMetrics metrics, in ProxyTags tags, TimeProvider time, int bufferSize, DrainIdentity? drain)
    {
        _client = client;
        _upstream = upstream;

        // The sockets' own blocking flag only governs synchronous calls: ReadOnToEnd's receive must not wait.
        client.Blocking = false;
        upstream.Blocking = false;
        _metrics = metrics;
        _tags = tags;
        _time = time;
        _bufferSize = bufferSize;
        Drain = drain;
        _lastActivity = time.GetTimestamp();
    }

    /// <summary>The Service port and endpoint, when the connection should be drained once the endpoint leaves.</summary>
    public DrainIdentity? Drain { get; }

    /// <summary>When data last moved either way (<see cref="TimeProvider.GetTimestamp"/>).</summary>
    public long LastActivity => Volatile.Read(ref _lastActivity);

    /// <summary>When a drain started for this connection ends it; 0 when it is not draining. Written by the sweeper only.</summary>
    public long DrainDeadline { get; set; }

    /// <summary>Relays until both directions have ended or the connection is aborted. Never throws.</summary>
    /// <returns>True when the connection ended cleanly (both sides closed); false after a reset or error.</returns>
    public async Task<bool> RunAsync()
    {
        var toUpstream = PumpAsync(_client, _upstream, upstream: true);
        var toClient = PumpAsync(_upstream, _client, upstream: false);
        var clean = await toUpstream.ConfigureAwait(false) & await toClient.ConfigureAwait(false);
        if (clean && Interlocked.Exchange(ref _closed, 1) == 0)
        {
            // PERF: both FINs are already sent, so a plain close suffices; Close would shut down both sockets again.
            _client.Dispose();
            _upstream.Dispose();
        }

        Close(reset: !clean);
        return clean;
    }

    /// <summary>Ends the connection now: with a reset (SO_LINGER 0) or an ordinary close. Safe to call from any thread, repeatedly.</summary>
    public void Close(bool reset)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        Shut(_client, reset);
        Shut(_upstream, reset);
    }

    private static void Shut(Socket socket, bool reset)
    {
        try
        {
            if (reset)
            {
                socket.LingerState = new LingerOption(true, 0);
            }
            else
            {
                // A FIN both ways first: disposing with receives pending would otherwise abort the connection.
                socket.Shutdown(SocketShutdown.Both);
            }
        }
        catch (Exception error) when (error is SocketException or ObjectDisposedException)
        {
            // Already gone: disposing is all that is left.
        }

        socket.Dispose();
    }

    /// <summary>
    /// After a short read, one more receive that does not wait: it returns what else has arrived, or tells that the
    /// peer's FIN is already there. PERF: knowing the end before sending the last data lets the FIN leave in the same
    /// segment (see <see cref="Cork"/>), as HAProxy does with MSG_MORE; that saves a segment and a wake-up of the peer
    /// on every short-lived connection, at the price of one system call per short read.
    /// </summary>
    /// <returns>True when the stream has ended after the <paramref name="read"/> bytes now in the buffer.</returns>
    /// <param name="from">The source.</param>
    /// <param name="buffer">The buffer holding the <paramref name="read"/> bytes.</param>
    /// <param name="read">The bytes in the buffer, increased by what this receive adds.</param>
    /// <param name="failure">A reset or error found behind the data: the caller passes the data on, then fails.</param>
    private static bool ReadOnToEnd(Socket from, byte[] buffer, ref int read, out SocketError failure)
    {
        var more = from.Receive(buffer.AsSpan(read), SocketFlags.None, out var error);
        failure = SocketError.Success;
        switch (error)
        {
            case SocketError.Success when more == 0:
                return true;
            case SocketError.Success:
                read += more;
                return false;
            case SocketError.WouldBlock:
                return false;
            default:
                failure = error;
                return false;
        }
    }

    /// <summary>
    /// TCP_CORK on Linux: hold the data being sent until the FIN that follows, so both leave in one segment. Only used
    /// when the end of this direction is known, so nothing waits for the cork's 200 ms flush.
    /// </summary>
    private static void Cork(Socket socket)
    {
        if (OperatingSystem.IsLinux())
        {
            socket.SetRawSocketOption(IpProtoTcp, TcpCork, CorkOn);
        }
    }

    /// <summary>Sends every byte of <paramref name="data"/>.</summary>
    internal static async ValueTask SendAllAsync(Socket to, ReadOnlyMemory<byte> data)
    {
        while (!data.IsEmpty)
        {
            var sent = await to.SendAsync(data, SocketFlags.None).ConfigureAwait(false);
            data = data[sent..];
        }
    }

    /// <summary>One direction. True when it ended with end-of-stream (propagated as a FIN), false on reset or error.</summary>
    private async Task<bool> PumpAsync(Socket from, Socket to, bool upstream)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(SmallBuffer);
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None).ConfigureAwait(false);
                var failure = SocketError.Success;
                var atEnd = read == 0 || (read < buffer.Length && ReadOnToEnd(from, buffer, ref read, out failure));
                if (read > 0)
                {
                    if (atEnd)
                    {
                        Cork(to);
                    }

                    Volatile.Write(ref _lastActivity, _time.GetTimestamp());
                    await SendAllAsync(to, buffer.AsMemory(0, read)).ConfigureAwait(false);
                    _metrics.Bytes(in _tags, upstream, read);
                }

                if (failure != SocketError.Success)
                {
                    throw new SocketException((int)failure); // after passing on what came before the reset
                }

                if (atEnd)
                {
                    // PERF: the second direction to end skips shutdown(SHUT_WR): the close that follows sends the FIN.
                    if (Interlocked.Increment(ref _ended) == 1)
                    {
                        to.Shutdown(SocketShutdown.Send);
                    }

                    return true;
                }

                // PERF: size the buffer to the traffic (see remarks): a full small buffer means a burst, so go big;
                // a small read on a big buffer means the burst is over, so give the big one back while quiet.
                if (read == buffer.Length && buffer.Length < _bufferSize)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = ArrayPool<byte>.Shared.Rent(_bufferSize);
                }
                else if (read <= SmallBuffer && buffer.Length > SmallBuffer)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = ArrayPool<byte>.Shared.Rent(SmallBuffer);
                }
            }
        }
        catch (Exception error) when (error is SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // A reset, an error, or the other pump aborting: the peer still there must see a reset too.
            Close(reset: true);
            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
