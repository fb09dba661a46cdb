using System.Collections.Concurrent;
using RoutingCore.Proxying;

namespace RoutingCore.Sockets;

/// <summary>
/// The connections a proxy is relaying and the work it has in flight, so that it can close idle connections, drain
/// connections to removed endpoints, and stop everything on disposal.
/// </summary>
/// <remarks>
/// Draining: after each table change, a connection whose endpoint its Service port no longer lists gets a deadline
/// <see cref="SocketProxyOptions.DrainTimeout"/> away (or is closed at once for a zero timeout); if the endpoint comes
/// back before then, the deadline is lifted. The sweeper closes connections past their deadline or idle for longer
/// than <see cref="SocketProxyOptions.IdleTimeout"/>. The subtle point is that only the sweeper and the table handler
/// touch deadlines, and both run under the proxy's gate, so no deadline is written by two threads.
/// </remarks>
internal sealed class ConnectionTracker
{
    private readonly ConcurrentDictionary<TcpRelay, byte> _relays = new();
    private readonly ConcurrentDictionary<Task, byte> _work = new();

    /// <summary>Connections being relayed now.</summary>
    public int Count => _relays.Count;

    public void Add(TcpRelay relay) => _relays.TryAdd(relay, 0);

    public void Remove(TcpRelay relay) => _relays.TryRemove(relay, out _);

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
        var idleTicks = idleTimeout is { } idle ? Ticks(time, idle) : long.MaxValue;
        foreach (var relay in _relays.Keys)
        {
            if ((relay.DrainDeadline != 0 && now >= relay.DrainDeadline) || now - relay.LastActivity >= idleTicks)
            {
                relay.Close(reset: false);
            }
        }
    }

    /// <summary>Closes every connection and waits for all tracked work to finish.</summary>
    public async Task CloseAllAsync()
    {
        foreach (var relay in _relays.Keys)
        {
            relay.Close(reset: false);
        }

        await Task.WhenAll(_work.Keys).ConfigureAwait(false);
    }

    private static long Ticks(TimeProvider time, TimeSpan span) =>
        (long)Math.Min(long.MaxValue / 4.0, span.TotalSeconds * time.TimestampFrequency);
}
