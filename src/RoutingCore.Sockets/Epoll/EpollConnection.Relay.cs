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
    /// <param name="d">The direction's state.</param>
    /// <param name="from">The source socket.</param>
    /// <param name="to">The receiving socket.</param>
    /// <param name="upstream">Whether the direction is client to endpoint (for metrics).</param>
    /// <param name="sourceClosed">Epoll reported the source's FIN (EPOLLRDHUP) in the event that led here.</param>
    private bool Pump(ref Direction d, int from, int to, bool upstream, bool sourceClosed = false)
    {
        for (var reads = 0; ; reads++)
        {
            if (d.Length > 0 && !SendPending(ref d, to, out var failed))
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

            if (read < _loop.ScratchLength)
            {
                if (sourceClosed)
                {
                    // PERF: the FIN had arrived before this read, and a short read took everything before it: the
                    // stream ends here, and the receive that would say so is saved.
                    d.Ended = true;
                }
                else if (!ReadOnToEnd(ref d, from, ref read))
                {
                    return false;
                }
            }

            LastActivity = _loop.Now;
            _proxy.Metrics.Bytes(in _tags, upstream, read);
            var sent = (int)Native.Send(to, buffer, read, Native.MsgNoSignal | (d.Ended ? Native.MsgMore : 0));
            if (sent < 0)
            {
                if (Marshal.GetLastPInvokeError() != Native.EAgain)
                {
                    return false;
                }

                sent = 0;
            }

            if (sent < read)
            {
                // The receiver is full: keep the rest, stop reading until it drains (backpressure).
                d.Pending = ArrayPool<byte>.Shared.Rent(read - sent);
                new ReadOnlySpan<byte>(buffer + sent, read - sent).CopyTo(d.Pending);
                (d.Offset, d.Length) = (0, read - sent);
                return true;
            }
        }
    }

    /// <summary>
    /// After a short read, one more receive: it returns what else has arrived, or tells that the peer's FIN is
    /// already there. PERF: knowing the end before sending the last data lets the FIN leave in the same segment
    /// (MSG_MORE), as HAProxy does; that saves a segment and a wake-up of the peer on every short-lived connection.
    /// </summary>
    private bool ReadOnToEnd(ref Direction d, int from, ref int read)
    {
        var more = (int)Native.Receive(from, _loop.Scratch + read, _loop.ScratchLength - read, 0);
        if (more > 0)
        {
            read += more;
        }
        else if (more == 0)
        {
            d.Ended = true;
        }
        else if (Marshal.GetLastPInvokeError() != Native.EAgain)
        {
            return false;
        }

        return true;
    }

    /// <summary>Sends what the receiver could not take before; true when all of it is gone.</summary>
    private static bool SendPending(ref Direction d, int to, out bool failed)
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
