using System.Net;
using System.Runtime.InteropServices;
using RoutingCore.Balancing;
using RoutingCore.Proxying;

namespace RoutingCore.Sockets.Epoll;

/// <summary>
/// One accepted connection on the epoll transport, from placement on the table to close, driven entirely by its
/// loop: connect (with retries on other endpoints and a deadline the sweep enforces), then relay both ways.
/// </summary>
/// <remarks>
/// <para>Both sockets are registered once, edge-triggered, for input, output and peer shutdown; the relay itself is in
/// <c>EpollConnection.Relay.cs</c>. Every state change happens on the loop thread; other threads reach a connection
/// only through commands posted to its loop (table changes, sweeps, shutdown).</para>
/// </remarks>
internal sealed unsafe partial class EpollConnection : LoopHandle
{
    /// <summary>The tag the loop passes to <see cref="OnEvents"/> to resume a deferred connection (no socket has it).</summary>
    public const uint ResumeTag = uint.MaxValue;

    private const uint ClientTag = 0;
    private const uint Interest = Native.EpollIn | Native.EpollOut | Native.EpollRdHup | Native.EpollEdgeTriggered;

    private readonly EventLoop _loop;
    private readonly ServiceProxy _proxy;
    private readonly int _client;
    private readonly IPAddress _remote;
    private readonly EndpointSet? _endpoints;
    private readonly ProxyTags _tags;
    private EndpointLease _lease;
    private EndpointKey[]? _tried;
    private int _upstream = -1;
    private uint _attempt; // the connect attempt, and the epoll tag of its socket
    private long _connectDeadline;
    private Direction _toUpstream;
    private Direction _toClient;
    private Phase _phase = Phase.Connecting;
    private bool _clientReadable;
    private bool _deferred;

    private EpollConnection(EventLoop loop, int client, IPAddress remote, ProxyServicePort servicePort, EndpointSet? endpoints, EndpointLease lease)
    {
        _loop = loop;
        _proxy = loop.Transport.Proxy;
        _client = client;
        _remote = remote;
        _endpoints = endpoints;
        _tags = ProxyTags.For(servicePort);
        _lease = lease;
        Drain = new DrainIdentity(servicePort.Service.Metadata.Namespace, servicePort.Service.Metadata.Name, servicePort.Port.Port, lease.Endpoint.Key);
    }

    private enum Phase
    {
        Connecting,
        Relaying,
        Closed,
    }

    /// <summary>The Service port and endpoint, to drain the connection once the endpoint leaves.</summary>
    public DrainIdentity Drain { get; private set; }

    /// <summary>When data last moved either way (loop clock).</summary>
    public long LastActivity { get; private set; }

    /// <summary>When a drain ends this connection; 0 when it is not draining.</summary>
    public long DrainDeadline { get; private set; }

    /// <summary>Places a connection just accepted on the current table (§10) and starts connecting, or resets it.</summary>
    /// <remarks>Never throws: whatever fails (a throwing metrics listener included) resets this client alone.</remarks>
    public static void Accept(EventLoop loop, int client, IPAddress remote, IPEndPoint local)
    {
        EpollConnection? connection = null;
        try
        {
            connection = Place(loop, client, remote, local);
            connection?.Connect();
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            if (connection is null)
            {
                Reset(client);
            }
            else
            {
                connection.Fail();
            }
        }
    }

    /// <summary>The connection for <paramref name="client"/>, registered on <paramref name="loop"/>; null when refused (and reset).</summary>
    private static EpollConnection? Place(EventLoop loop, int client, IPAddress remote, IPEndPoint local)
    {
        var proxy = loop.Transport.Proxy;
        var decision = proxy.Table.Resolve(ProxyProtocol.Tcp, local.Address, local.Port, remote, out var lease);
        if (decision.Outcome != ProxyOutcome.Selected)
        {
            var tags = ProxyTags.ForRefused(decision, local.Port, ProxyProtocol.Tcp);
            proxy.Metrics.Refused(in tags, decision); // first: should it throw, the caller resets the client once
            Reset(client);
            return null;
        }

        EpollConnection connection;
        try
        {
            connection = new EpollConnection(loop, client, remote, decision.ServicePort!, decision.Endpoints, lease);
        }
        catch
        {
            lease.Complete(EndpointOutcome.Neutral); // the caller resets the client
            throw;
        }

        try
        {
            loop.Register(connection);
        }
        catch (InvalidOperationException)
        {
            connection.End(Ending.Reset); // the loop is full
            return null;
        }

        if (Native.Control(loop.Epoll, Native.EpollCtlAdd, client, Interest, EventLoop.Token(connection, ClientTag)) != 0)
        {
            connection.End(Ending.Reset);
            return null;
        }

        return connection;
    }

    public override void OnEvents(uint events, uint tag)
    {
        if (tag == ResumeTag)
        {
            Resume();
            return;
        }

        if (_phase == Phase.Closed || (tag != ClientTag && tag != _attempt))
        {
            return; // an event of a socket closed earlier in this batch
        }

        if (_phase == Phase.Connecting)
        {
            if (tag == ClientTag)
            {
                // Client data waits in its socket until the endpoint answers; the pump reads it then. (A new socket
                // is writable at once, so EPOLLOUT alone says nothing.)
                _clientReadable |= (events & (Native.EpollIn | Native.EpollRdHup | Native.EpollHup | Native.EpollErr)) != 0;
            }
            else if ((events & (Native.EpollOut | Native.EpollErr | Native.EpollHup)) != 0)
            {
                Connected(events);
            }

            return;
        }

        // An error (EPOLLERR: a reset) is found by the pump's receive, after the data that arrived before it, which is
        // passed on first, as the sockets transport does.
        var fromClient = tag == ClientTag;
        var ok = true;
        if ((events & (Native.EpollIn | Native.EpollRdHup | Native.EpollHup | Native.EpollErr)) != 0)
        {
            ok = fromClient ? Pump(ref _toUpstream, _client, _upstream, upstream: true) : Pump(ref _toClient, _upstream, _client, upstream: false);
        }

        if (ok && (events & Native.EpollOut) != 0)
        {
            // Writable again: send what this socket could not take, and let that direction read on.
            ok = fromClient
                ? _toClient.Length == 0 || Pump(ref _toClient, _upstream, _client, upstream: false)
                : _toUpstream.Length == 0 || Pump(ref _toUpstream, _client, _upstream, upstream: true);
        }

        AfterPump(ok);
    }

    /// <summary>Ends the connection with a reset after its handler failed unexpectedly; never throws.</summary>
    public void Fail()
    {
        try
        {
            End(Ending.Reset);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // End closes the sockets before anything that could throw (metrics listeners): they are closed.
        }
    }

    /// <summary>Pumps both directions again after the connection was deferred for fairness.</summary>
    private void Resume()
    {
        _deferred = false;
        if (_phase == Phase.Relaying)
        {
            AfterPump(Pump(ref _toUpstream, _client, _upstream, upstream: true) && Pump(ref _toClient, _upstream, _client, upstream: false));
        }
    }

    /// <summary>Starts, extends or lifts this connection's drain after a table change.</summary>
    public void ApplyTable(ProxyTable table, bool closeAtOnce, long deadline)
    {
        if (_phase != Phase.Relaying)
        {
            return;
        }

        var port = table.FindServicePort(Drain.Namespace, Drain.Service, Drain.Port, ProxyProtocol.Tcp);
        if (port is not null && port.Lists(Drain.Endpoint))
        {
            DrainDeadline = 0;
        }
        else if (closeAtOnce)
        {
            End(Ending.Close);
        }
        else if (DrainDeadline == 0)
        {
            DrainDeadline = Math.Max(1, deadline);
        }
    }

    /// <summary>Times out a connect, or closes the connection when it is idle too long or past its drain deadline.</summary>
    public void Sweep(long now, long idleTicks)
    {
        if (_phase == Phase.Connecting && now >= _connectDeadline)
        {
            CloseUpstream();
            if (Retry("timeout"))
            {
                Connect();
            }
        }
        else if (_phase == Phase.Relaying && ((DrainDeadline != 0 && now >= DrainDeadline) || now - LastActivity >= idleTicks))
        {
            End(Ending.Close);
        }
    }

    /// <summary>Ends the connection because the proxy is shutting down.</summary>
    public void Shutdown()
    {
        if (_phase == Phase.Connecting)
        {
            CloseUpstream();
            _proxy.Metrics.ConnectFailure(in _tags, "aborted");
            _lease.Complete(EndpointOutcome.Neutral);
            End(Ending.Reset);
        }
        else
        {
            End(Ending.Close);
        }
    }

    /// <summary>Closes with a reset, so the client sees the connection refused rather than a clean end.</summary>
    private static void Reset(int fd)
    {
        Native.LingerZero(fd);
        Native.Close(fd);
    }

    /// <summary>Connects to the leased endpoint, and on immediate failure to others, until one is under way or none is left.</summary>
    private void Connect()
    {
        while (true)
        {
            switch (TryConnect(out var failure))
            {
                case ConnectStart.Started:
                    return;
                case ConnectStart.LocalFailure:
                    // Out of descriptors, ports or memory here: no endpoint's fault, so no failure against its health
                    // and no retry that would fail alike; counted as error.type "local".
                    _lease.Complete(EndpointOutcome.Neutral);
                    End(Ending.Reset);
                    _proxy.Metrics.ConnectFailure(in _tags, "local");
                    return;
                default:
                    if (!Retry(failure))
                    {
                        return;
                    }

                    break;
            }
        }
    }

    /// <summary>Starts a connect to the leased endpoint; on <see cref="ConnectStart.EndpointFailure"/>, why.</summary>
    private ConnectStart TryConnect(out string failure)
    {
        _attempt++;
        failure = "";
        var endpoint = _lease.Endpoint;
        if (endpoint.IPAddress is not { } address)
        {
            failure = "not_an_ip"; // FQDN slices are not proxied
            return ConnectStart.EndpointFailure;
        }

        var target = stackalloc byte[Native.SockAddrSize];
        var length = Native.WriteAddress(address, endpoint.Port, target);
        var fd = Native.Socket(*(ushort*)target, Native.SockStream | Native.SockNonBlock | Native.SockCloExec, 0);
        if (fd < 0)
        {
            return ConnectStart.LocalFailure;
        }

        Native.SetInt(fd, Native.IpProtoTcp, Native.TcpNoDelay, 1);
        if (Native.Connect(fd, target, length) != 0 && Marshal.GetLastPInvokeError() is var errno && errno != Native.EInProgress)
        {
            Native.Close(fd);
            if (errno is Native.EAddrNotAvail or Native.ENoBufs or Native.ENoMem)
            {
                return ConnectStart.LocalFailure; // out of local ports or memory: no fault of the endpoint's
            }

            failure = ErrorName(errno);
            return ConnectStart.EndpointFailure;
        }

        _upstream = fd;
        if (Native.Control(_loop.Epoll, Native.EpollCtlAdd, fd, Interest, EventLoop.Token(this, _attempt)) != 0)
        {
            CloseUpstream();
            return ConnectStart.LocalFailure;
        }

        // PERF: no timer per connect; the sweep checks the deadline (as precise as SweepInterval).
        _connectDeadline = _loop.Now + _loop.Transport.ConnectTicks;
        _proxy.Tracker.OnConnectRegistered();
        return ConnectStart.Started; // even a connect that completed at once reports EPOLLOUT: Connected runs then
    }

    /// <summary>The connect has an outcome (EPOLLOUT, or an error): relay, or try another endpoint.</summary>
    /// <remarks>
    /// PERF: each direction is pumped only if its source has said it is readable (the client while the connect was
    /// under way, the endpoint in this very event), and SO_ERROR is read only when epoll reports an error, which saves
    /// up to three system calls per connection (<c>benchmarks/l4/cpu-per-connection.sh</c>).
    /// </remarks>
    private void Connected(uint events)
    {
        if ((events & (Native.EpollErr | Native.EpollHup)) != 0)
        {
            var error = Native.PendingError(_upstream);
            CloseUpstream();
            if (Retry(ErrorName(error)))
            {
                Connect();
            }

            return;
        }

        _phase = Phase.Relaying;
        _connectDeadline = 0;
        LastActivity = _loop.Now;
        _loop.Transport.ConnectionOpened();
        _proxy.Metrics.ConnectionOpened(in _tags);
        var ok = !_clientReadable || Pump(ref _toUpstream, _client, _upstream, upstream: true);
        if (ok && (events & (Native.EpollIn | Native.EpollRdHup)) != 0)
        {
            ok = Pump(ref _toClient, _upstream, _client, upstream: false);
        }

        AfterPump(ok);
    }

    /// <summary>Counts a failed attempt and leases another endpoint not tried yet; false (the client reset) when none is left.</summary>
    private bool Retry(string failure)
    {
        _proxy.Metrics.ConnectFailure(in _tags, failure);
        var stopping = _proxy.Shutdown.IsCancellationRequested;
        var endpoint = _lease.Endpoint.Key;
        _lease.Complete(stopping ? EndpointOutcome.Neutral : EndpointOutcome.Failure);
        var attempts = _proxy.Options.ConnectAttempts;
        _tried ??= new EndpointKey[attempts];
        _tried[(int)_attempt - 1] = endpoint;
        var context = SelectionContext.None.WithClientAddress(_remote);
        if (_attempt < attempts && _endpoints is not null && !stopping
            && EndpointRetry.TrySelectExcept(_endpoints, in context, _tried.AsSpan(0, (int)_attempt), out _lease))
        {
            Drain = Drain with { Endpoint = _lease.Endpoint.Key };
            return true;
        }

        End(Ending.Reset);
        return false;
    }

    private void CloseUpstream()
    {
        if (_upstream >= 0)
        {
            Native.Close(_upstream); // leaves epoll with the close; a stale event of it carries an older tag
            _upstream = -1;
        }
    }

    /// <summary>Ends the connection, frees its slot and buffers, and settles its lease and counts.</summary>
    private void End(Ending how)
    {
        if (_phase == Phase.Closed)
        {
            return;
        }

        var relayed = _phase == Phase.Relaying;
        _phase = Phase.Closed;
        foreach (var fd in (ReadOnlySpan<int>)[_client, _upstream])
        {
            if (fd < 0)
            {
                continue;
            }

            if (how == Ending.Reset)
            {
                Native.LingerZero(fd);
            }
            else if (how == Ending.Close)
            {
                Native.Shutdown(fd, Native.ShutRdWr); // a FIN both ways, as an ordinary close
            }

            Native.Close(fd);
        }

        _upstream = -1;
        Direction.Free(ref _toUpstream);
        Direction.Free(ref _toClient);
        _loop.Release(this);
        if (relayed)
        {
            _lease.Complete(EndpointOutcome.Success);
            _loop.Transport.ConnectionClosed();
            _proxy.Metrics.ConnectionClosed(in _tags);
        }
        else
        {
            _lease.Complete(EndpointOutcome.Neutral); // no-op when a failed attempt already completed it
        }
    }

    /// <summary>The <c>error.type</c> of a failed connect, as the sockets transport names it.</summary>
    private static string ErrorName(int errno) => errno switch
    {
        Native.EConnRefused => "connection_refused",
        Native.ETimedOut => "timeout",
        Native.ENetUnreach or Native.EHostUnreach => "unreachable",
        _ => "other",
    };

    private enum ConnectStart
    {
        /// <summary>Under way (or done; epoll will say).</summary>
        Started,

        /// <summary>The endpoint cannot be reached: count it and try another.</summary>
        EndpointFailure,

        /// <summary>This process could not even try (no descriptor, no memory).</summary>
        LocalFailure,
    }

    private enum Ending
    {
        /// <summary>Both directions ended with a FIN: a plain close.</summary>
        Finished,

        /// <summary>Closed by the proxy (idle, drained, shutting down): a FIN both ways.</summary>
        Close,

        /// <summary>An error, a reset, or a refusal: SO_LINGER 0, so the peers see a reset.</summary>
        Reset,
    }
}
