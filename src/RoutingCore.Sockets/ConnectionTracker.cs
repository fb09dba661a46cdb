using System.Collections.Concurrent;
using System.Net.Sockets;
using RoutingCore.Proxying;

namespace RoutingCore.Sockets;

/// <summary>
/// The connections a proxy is relaying, the connects it is waiting for and the work it has in flight, so that it can
/// close idle connections, drain connections to removed endpoints, time out connects, and stop everything on disposal.
/// </summary>
/// <remarks>
/// Draining: after each table change, a connection whose endpoint its Service port no longer lists gets a deadline
/// <see cref="SocketProxyOptions.DrainTimeout"/> away (or is closed at once for a zero timeout); if the endpoint comes
/// back before then, the deadline is lifted. The sweeper closes connections past their deadline or idle for longer
/// than <see cref="SocketProxyOptions.IdleTimeout"/>, and disposes sockets whose connect is past its deadline, so no
/// connection ever arms a timer of its own (connect timeouts are as precise as <see cref="SocketProxyOptions.SweepInterval"/>).
/// The subtle point is that only the sweeper and the table handler touch drain deadlines, and both run under the
/// proxy's gate, so no deadline is written by two threads; a connect is owned by whichever of the connector and the
/// sweeper removes it from the pending set first.
/// </remarks>
internal sealed class ConnectionTracker
{
    private readonly ConcurrentDictionary<TcpRelay, byte> _relays = new();
    private readonly ConcurrentDictionary<Task, byte> _work = new();
    private readonly ConcurrentDictionary<Socket, long> _connecting = new();
    private readonly TaskCompletionSource _sessionsDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _sessions;
    private volatile bool _closing;

    /// <summary>Connections being relayed now.</summary>
    public int Count => _relays.Count;

    public void Add(TcpRelay relay) => _relays.TryAdd(relay, 0);

    public void Remove(TcpRelay relay) => _relays.TryRemove(relay, out _);

    /// <summary>Counts a connection being handled (PERF: a counter, not a tracked task, on the per-connection path).</summary>
    public void BeginSession() => Interlocked.Increment(ref _sessions);

    /// <summary>Ends what <see cref="BeginSession"/> counted.</summary>
    public void EndSession()
    {
        if (Interlocked.Decrement(ref _sessions) == 0 && _closing)
        {
            _sessionsDone.TrySetResult();
        }
    }

    /// <summary>Raised after a connect's deadline is registered (tests advance a fake clock after it).</summary>
    public event Action? ConnectRegistered;

    /// <summary>Raises <see cref="ConnectRegistered"/> for a connect another transport registered on its own.</summary>
    public void OnConnectRegistered() => ConnectRegistered?.Invoke();

    /// <summary>Registers a connect that must complete by <paramref name="deadline"/> (a timestamp).</summary>
    public void ConnectStarted(Socket socket, long deadline)
    {
        _connecting[socket] = deadline;
        ConnectRegistered?.Invoke();
    }

    /// <summary>Ends a connect's registration; false when the sweeper already timed it out (and disposed the socket).</summary>
    public bool ConnectEnded(Socket socket) => _connecting.TryRemove(socket, out _);

    /// <summary>Remembers <paramref name="work"/> until it completes, so disposal can wait for it.</summary>
    public void Track(Task work)
    {
        if (work.IsCompleted)
        {
            return;
        }

        _work.TryAdd(work, 0);
        work.ContinueWith(static (done, state) => ((ConcurrentDictionary<Task, byte>)state!).TryRemove(done, out _), _work,
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Starts, extends or lifts drains after a table change.</summary>
    public void ApplyTable(ProxyTable table, TimeProvider time, TimeSpan drainTimeout)
    {
        var now = time.GetTimestamp();
        foreach (var relay in _relays.Keys)
        {
            if (relay.Drain is not { } drain)
            {
                continue;
            }

            var port = table.FindServicePort(drain.Namespace, drain.Service, drain.Port, ProxyProtocol.Tcp);
            if (port is not null && port.Lists(drain.Endpoint))
            {
                relay.DrainDeadline = 0;
            }
            else if (drainTimeout == TimeSpan.Zero)
            {
                relay.Close(reset: false);
            }
            else if (relay.DrainDeadline == 0)
            {
                relay.DrainDeadline = Math.Max(1, now + Ticks(time, drainTimeout));
            }
        }
    }

    /// <summary>Closes connections idle too long or past their drain deadline.</summary>
    public void Sweep(TimeProvider time, TimeSpan? idleTimeout)
    {
        var now = time.GetTimestamp();
        foreach (var (socket, deadline) in _connecting)
        {
            if (now >= deadline && _connecting.TryRemove(socket, out _))
            {
                socket.Dispose(); // the connect fails; the connector reports a timeout
            }
        }

        var idleTicks = idleTimeout is { } idle ? Ticks(time, idle) : long.MaxValue;
        foreach (var relay in _relays.Keys)
        {
            if ((relay.DrainDeadline != 0 && now >= relay.DrainDeadline) || now - relay.LastActivity >= idleTicks)
            {
                relay.Close(reset: false);
            }
        }
    }

    /// <summary>Closes every connection and pending connect, and waits for all tracked work and connections to finish.</summary>
    /// <remarks>Call after the listeners are closed: accept loops end first, so no connection starts after the count is read.</remarks>
    public async Task CloseAllAsync()
    {
        _closing = true;
        foreach (var relay in _relays.Keys)
        {
            relay.Close(reset: false);
        }

        foreach (var socket in _connecting.Keys)
        {
            if (_connecting.TryRemove(socket, out _))
            {
                socket.Dispose();
            }
        }

        await Task.WhenAll(_work.Keys).ConfigureAwait(false);
        if (Volatile.Read(ref _sessions) == 0)
        {
            _sessionsDone.TrySetResult();
        }

        // A relay registered after the pass above closes itself: it checks the proxy's shutdown token once registered.
        await _sessionsDone.Task.ConfigureAwait(false);
    }

    /// <summary>A duration in <see cref="TimeProvider.GetTimestamp"/> units.</summary>
    public static long Ticks(TimeProvider time, TimeSpan span) =>
        (long)Math.Min(long.MaxValue / 4.0, span.TotalSeconds * time.TimestampFrequency);
}
