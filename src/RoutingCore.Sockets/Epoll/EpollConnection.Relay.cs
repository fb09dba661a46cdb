using System.Buffers;
using System.Runtime.InteropServices;

namespace RoutingCore.Sockets.Epoll;

/// <summary>The relay of an established connection: two one-way pumps between the client and the endpoint.</summary>
/// <remarks>
/// <para>A direction reads into the loop's shared buffer and sends at once; only what the receiver cannot take yet is
/// copied into a buffer of the connection's own (rented, returned when sent), and the direction stops reading until
/// the receiver's EPOLLOUT — backpressure without a buffer per idle connection. End of stream one way becomes a FIN the other way
/// (half-close); when a short read is followed by the end of stream, the data goes with MSG_MORE so that it and the
/// FIN leave in one segment. An error or reset on either side resets both (SO_LINGER 0), as the portable
/// <see cref="TcpRelay"/> does.</para>
/// <para>The subtle point is edge triggering: a direction must read until the kernel says EAGAIN, or it will not be
/// told again. A direction that has had its turn (<see cref="ReadsPerTurn"/> reads) before EAGAIN is deferred to the
/// end of the loop's batch instead, so one fast connection cannot starve the others on its loop.</para>
/// </remarks>
internal sealed unsafe partial class EpollConnection
{
    /// <summary>Reads one direction makes per turn before yielding to the loop's other connections.</summary>
    private const int ReadsPerTurn = 16;

    /// <summary>
    /// Moves one direction's data until the source has nothing more (EAGAIN), the receiver is full, or the turn is
    /// used up; carries end of stream through as a FIN. False on a reset or error either side.
    /// </summary>
    private bool Pump(ref Direction d, int from, int to, bool upstream)
    {
        for (var reads = 0; ; reads++)
        {
            if (d.Length > 0 && !SendPending(ref d, to, upstream, out var failed))
            {
                return !failed; // the receiver is full: its EPOLLOUT resumes this direction
            }

            if (d.Ended)
            {
                if (!d.Shut)
                {
                    // PERF: the second direction to end skips shutdown(SHUT_WR): the close that follows sends the FIN.
                    d.Shut = true;
                    if (!(_toUpstream.Shut && _toClient.Shut))
                    {
                        Native.Shutdown(to, Native.ShutWr);
                    }
                }

                return true;
            }

            if (reads == ReadsPerTurn)
            {
                if (!_deferred)
                {
                    _deferred = true;
                    _loop.Defer(this);
                }

                return true;
            }

            var buffer = _loop.Scratch;
            var read = (int)Native.Receive(from, buffer, _loop.ScratchLength, 0);
            if (read <= 0)
            {
                if (read == 0)
                {
                    d.Ended = true;
                    continue;
                }

                return Marshal.GetLastPInvokeError() is Native.EAgain;
            }

            // On Failed (a reset right behind the data) the data read is still passed on, then the relay resets.
            var next = read < _loop.ScratchLength ? ReadOn(ref d, from, ref read) : ReadOnResult.Unknown;
            LastActivity = _loop.Now;
            var sent = (int)Native.Send(to, buffer, read, Native.MsgNoSignal | (d.Ended ? Native.MsgMore : 0));
            if (sent < 0)
            {
                if (Marshal.GetLastPInvokeError() != Native.EAgain)
                {
                    return false;
                }

                sent = 0;
            }

            _proxy.Metrics.Bytes(in _tags, upstream, sent);
            if (next == ReadOnResult.Failed)
            {
                return false;
            }

            if (sent < read)
            {
                // The receiver is full: keep the rest, stop reading until it drains (backpressure).
                d.Pending = ArrayPool<byte>.Shared.Rent(read - sent);
                new ReadOnlySpan<byte>(buffer + sent, read - sent).CopyTo(d.Pending);
                (d.Offset, d.Length) = (0, read - sent);
                return true;
            }

            if (next == ReadOnResult.Drained)
            {
                return true; // the source said EAGAIN after this data: its next arrival is a new edge
            }
        }
    }

    /// <summary>
    /// After a short read, one more receive: it returns what else has arrived, tells that the peer's FIN is already
    /// there, or that the source is drained. PERF: knowing the end before sending the last data lets the FIN leave in
    /// the same segment (MSG_MORE), as HAProxy does; that saves a segment and a wake-up of the peer on every
    /// short-lived connection. Knowing the source is drained saves the receive that would say so again.
    /// </summary>
    /// <remarks>
    /// A short read alone proves nothing, even after EPOLLRDHUP: a receive stops at TCP's urgent mark with data still
    /// queued behind it, so only this receive's answer ends the stream.
    /// </remarks>
    private ReadOnResult ReadOn(ref Direction d, int from, ref int read)
    {
        var more = (int)Native.Receive(from, _loop.Scratch + read, _loop.ScratchLength - read, 0);
        if (more > 0)
        {
            read += more;
            return ReadOnResult.Unknown;
        }

        if (more == 0)
        {
            d.Ended = true;
            return ReadOnResult.Ended;
        }

        return Marshal.GetLastPInvokeError() == Native.EAgain ? ReadOnResult.Drained : ReadOnResult.Failed;
    }

    /// <summary>Sends what the receiver could not take before; true when all of it is gone.</summary>
    private bool SendPending(ref Direction d, int to, bool upstream, out bool failed)
    {
        failed = false;
        nint sent;
        fixed (byte* pending = d.Pending)
        {
            sent = Native.Send(to, pending + d.Offset, d.Length, Native.MsgNoSignal | (d.Ended ? Native.MsgMore : 0));
        }

        if (sent < 0)
        {
            failed = Marshal.GetLastPInvokeError() != Native.EAgain;
            return false;
        }

        _proxy.Metrics.Bytes(in _tags, upstream, sent);
        d.Offset += (int)sent;
        d.Length -= (int)sent;
        if (d.Length > 0)
        {
            return false;
        }

        ArrayPool<byte>.Shared.Return(d.Pending!);
        d.Pending = null;
        return true;
    }

    /// <summary>Closes after a pump: with a reset when it failed, cleanly when both directions have ended.</summary>
    private void AfterPump(bool ok)
    {
        if (!ok)
        {
            End(Ending.Reset);
        }
        else if (_toUpstream.Shut && _toClient.Shut)
        {
            End(Ending.Finished);
        }
    }

    /// <summary>What the receive after a short read found.</summary>
    private enum ReadOnResult
    {
        /// <summary>More data (or the buffer was filled by the first read): read again.</summary>
        Unknown,

        /// <summary>Nothing more for now (EAGAIN).</summary>
        Drained,

        /// <summary>The peer's FIN.</summary>
        Ended,

        /// <summary>A reset or error.</summary>
        Failed,
    }

    /// <summary>One direction of the relay.</summary>
    private struct Direction
    {
        /// <summary>Data read but not yet taken by the receiver, from <see cref="Offset"/> for <see cref="Length"/> bytes.</summary>
        public byte[]? Pending;
        public int Offset;
        public int Length;

        /// <summary>The source has sent its FIN.</summary>
        public bool Ended;

        /// <summary>The FIN has been passed on.</summary>
        public bool Shut;

        public static void Free(ref Direction d)
        {
            if (d.Pending is not null)
            {
                ArrayPool<byte>.Shared.Return(d.Pending);
                d.Pending = null;
            }
        }
    }
}
