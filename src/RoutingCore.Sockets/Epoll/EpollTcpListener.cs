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
/// the same. The subtle point is closing it while loops may be accepting on it: each loop holds a reference on the
/// socket's handle for the duration of an accept burst, so the descriptor cannot be closed, and its number reused,
/// under a loop's feet; and a loop removes the registration only while it holds such a reference.
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

    public void Start()
    {
        var socket = ListenSockets.OpenTcp(EndPoint, proxy.Options.ListenBacklog);
        socket.Blocking = false;
        EndPoint = (IPEndPoint)socket.LocalEndPoint!;
        _socket = socket;
        foreach (var loop in transport.Loops)
        {
            loop.Post(l =>
            {
                var share = new Share(this, l);
                l.Register(share);
                _shares[l.Index] = share;
                Listen(share);
            });
        }
    }

    public void Stop()
    {
        _stopped = true;
        foreach (var loop in transport.Loops)
        {
            loop.Post(l =>
            {
                if (_shares[l.Index] is { } share)
                {
                    Use(fd => Native.Control(l.Epoll, Native.EpollCtlDel, fd, 0, 0));
                    l.Release(share);
                    _shares[l.Index] = null;
                }
            });
        }

        _socket?.Dispose();
    }

    public void ApplyTable(ProxyTable table)
    {
    }

    public void Sweep(long now)
    {
    }

    /// <summary>Registers the listening socket in <paramref name="share"/>'s loop (EPOLLEXCLUSIVE: one loop woken per connection).</summary>
    private void Listen(Share share) => Use(fd =>
    {
        if (!_stopped)
        {
            Native.Control(share.Loop.Epoll, Native.EpollCtlAdd, fd, Native.EpollIn | Native.EpollExclusive, EventLoop.Token(share, 0));
        }
    });

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
        const int ENfile = 23, EMfile = 24, ENoBufs = 105, ENoMem = 12;
        if (errno is ENfile or EMfile or ENoBufs or ENoMem)
        {
            // Out of descriptors: stop listening on this loop for a moment, so that connections can finish instead
            // of the level-triggered listener waking the loop in a spin (EPOLLEXCLUSIVE cannot be modified: remove
            // and add again).
            if (_shares[loop.Index] is { } share)
            {
                Native.Control(loop.Epoll, Native.EpollCtlDel, fd, 0, 0);
                _ = Task.Delay(50).ContinueWith(_ => loop.Post(_ =>
                {
                    if (_shares[loop.Index] == share)
                    {
                        Listen(share);
                    }
                }), TaskScheduler.Default);
            }

            return true;
        }

        return errno is Native.EAgain or not (Native.EIntr or 103 /* ECONNABORTED */ or 71 /* EPROTO */);
    }

    /// <summary>This listener's registration in one loop.</summary>
    private sealed class Share(EpollTcpListener listener, EventLoop loop) : LoopHandle
    {
        public EventLoop Loop { get; } = loop;

        public override void OnEvents(uint events, uint tag) => listener.Accept(Loop);
    }
}
