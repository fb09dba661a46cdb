using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using RoutingCore.Proxying;

namespace RoutingCore.Sockets.Epoll;

/// <summary>
/// A Service frontend on the epoll transport: one listening socket, registered in every loop with EPOLLEXCLUSIVE so
/// that a new connection wakes one loop rather than all; the loop that accepts a connection relays it.
/// </summary>
/// <remarks>
/// The socket is opened and bound by <see cref="ListenSockets"/>, as on the portable transport, so bind failures read
/// the same. The subtle point is the descriptor's life across threads. Start and Stop run their epoll changes on every
/// loop and wait for all of them, so a registration that fails is reported as the listener's fault, and the socket is
/// closed only after no loop has it registered any more; a loop holds a reference on the socket's handle for the
/// duration of each accept burst and epoll change, so the number is never used after a close.
/// </remarks>
internal sealed unsafe class EpollTcpListener(ServiceProxy proxy, EpollTransport transport, IPEndPoint endPoint, string service) : IServiceListener
{
    /// <summary>Accepts per wake-up before other events get their turn (level-triggered: the rest wake the loop again).</summary>
    private const int AcceptBurst = 64;

    private readonly Share?[] _shares = new Share?[transport.Loops.Count]; // each loop touches only its own entry
    private Socket? _socket;
    private volatile bool _stopped;

    public IPEndPoint EndPoint { get; private set; } = endPoint;

    public ProxyProtocol Protocol => ProxyProtocol.Tcp;

    public string Service { get; } = service;

    /// <summary>Binds, and registers the socket in every loop.</summary>
    /// <exception cref="SocketException">The bind failed, or a loop could not register the socket.</exception>
    public void Start()
    {
        var socket = ListenSockets.OpenTcp(EndPoint, proxy.Options.ListenBacklog);
        socket.Blocking = false;
        EndPoint = (IPEndPoint)socket.LocalEndPoint!;
        _socket = socket;
        var errno = OnEveryLoop(loop =>
        {
            var share = new Share(this, loop);
            loop.Register(share);
            _shares[loop.Index] = share;
            return Listen(share);
        });
        if (errno != 0)
        {
            Stop();
            throw new SocketException((int)(errno is Native.ENoSpc or Native.ENoMem ? SocketError.NoBufferSpaceAvailable : SocketError.SocketError));
        }
    }

    /// <summary>Removes the socket from every loop, then closes it; connections it accepted go on.</summary>
    public void Stop()
    {
        _stopped = true;
        OnEveryLoop(loop =>
        {
            if (_shares[loop.Index] is { } share)
            {
                Use(fd => Native.Control(loop.Epoll, Native.EpollCtlDel, fd, 0, 0));
                loop.Release(share);
                _shares[loop.Index] = null;
            }

            return 0;
        });
        _socket?.Dispose();
    }

    public void ApplyTable(ProxyTable table)
    {
    }

    public void Sweep(long now)
    {
    }

    /// <summary>
    /// Runs <paramref name="action"/> on every loop and waits for all of them; the first nonzero errno it returned.
    /// A loop that has stopped (the proxy is being disposed) has nothing registered and is skipped.
    /// </summary>
    private int OnEveryLoop(Func<EventLoop, int> action)
    {
        var loops = transport.Loops;
        using var done = new CountdownEvent(loops.Count);
        var first = 0;
        foreach (var loop in loops)
        {
            var posted = loop.Post(l =>
            {
                var errno = Native.ENoMem;
                try
                {
                    errno = action(l);
                }
                catch (InvalidOperationException)
                {
                    // The loop is full (2^24 handles): as if epoll were out of memory.
                }
                finally
                {
                    if (errno != 0)
                    {
                        Interlocked.CompareExchange(ref first, errno, 0);
                    }

                    done.Signal();
                }
            });
            if (!posted)
            {
                done.Signal();
            }
        }

        done.Wait();
        return first;
    }

    /// <summary>
    /// Registers the listening socket in <paramref name="share"/>'s loop (EPOLLEXCLUSIVE: one loop woken per
    /// connection); the errno when epoll refuses.
    /// </summary>
    private int Listen(Share share)
    {
        var errno = 0;
        Use(fd =>
        {
            if (!_stopped)
            {
                errno = Native.Control(share.Loop.Epoll, Native.EpollCtlAdd, fd, Native.EpollIn | Native.EpollExclusive, EventLoop.Token(share, 0));
            }
        });
        return errno;
    }

    /// <summary>Runs <paramref name="action"/> with the listening descriptor, unless the socket is already closed.</summary>
    private void Use(Action<int> action)
    {
        var handle = _socket!.SafeHandle;
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            action((int)handle.DangerousGetHandle());
        }
        catch (ObjectDisposedException)
        {
            // Closed: the descriptor has left epoll with its close.
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    /// <summary>Accepts what is waiting, up to a burst, and starts relaying each connection on <paramref name="loop"/>.</summary>
    /// <remarks>PERF: holds the handle reference itself rather than through <see cref="Use"/>, whose delegate would be
    /// allocated on every burst.</remarks>
    private void Accept(EventLoop loop)
    {
        var handle = _socket!.SafeHandle;
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            var fd = (int)handle.DangerousGetHandle();
            var address = stackalloc byte[Native.SockAddrSize];
            for (var i = 0; i < AcceptBurst && !_stopped; i++)
            {
                var length = Native.SockAddrSize;
                var client = Native.Accept(fd, address, &length, Native.SockNonBlock | Native.SockCloExec);
                if (client < 0)
                {
                    if (AcceptFailed(loop, fd, Marshal.GetLastPInvokeError()))
                    {
                        return;
                    }

                    continue;
                }

                if (Native.ReadAddress(address) is { } remote)
                {
                    EpollConnection.Accept(loop, client, remote, EndPoint);
                }
                else
                {
                    Native.Close(client);
                }
            }
        }
        catch (ObjectDisposedException)
        {
            // Stopped while the event was on its way.
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    /// <summary>Whether to end the burst after a failed accept (as <see cref="AcceptLoop"/> treats each error).</summary>
    private bool AcceptFailed(EventLoop loop, int fd, int errno)
    {
        if (errno is Native.ENFile or Native.EMFile or Native.ENoBufs or Native.ENoMem)
        {
            // Out of descriptors: stop listening on this loop for a moment, so that connections can finish instead
            // of the level-triggered listener waking the loop in a spin (EPOLLEXCLUSIVE cannot be modified: remove
            // and add again).
            if (_shares[loop.Index] is { } share)
            {
                Native.Control(loop.Epoll, Native.EpollCtlDel, fd, 0, 0);
                ListenLater(share);
            }

            return true;
        }

        return errno is Native.EAgain or not (Native.EIntr or Native.EConnAborted or Native.EProto);
    }

    /// <summary>Registers <paramref name="share"/> again after a pause, and again after each refusal, until stopped.</summary>
    private void ListenLater(Share share) =>
        _ = Task.Delay(50).ContinueWith(_ => share.Loop.Post(loop =>
        {
            if (_shares[loop.Index] == share && Listen(share) != 0)
            {
                ListenLater(share);
            }
        }), TaskScheduler.Default);

    /// <summary>This listener's registration in one loop.</summary>
    private sealed class Share(EpollTcpListener listener, EventLoop loop) : LoopHandle
    {
        public EventLoop Loop { get; } = loop;

        public override void OnEvents(uint events, uint tag) => listener.Accept(Loop);
    }
}
