using RoutingCore.Proxying;

namespace RoutingCore.Sockets.Epoll;

/// <summary>
/// The Linux TCP transport of a <see cref="ServiceProxy"/> (<see cref="TcpTransport.Epoll"/>): one
/// <see cref="EventLoop"/> per core, every Service listener registered in every loop, each connection relayed by the
/// loop that accepted it. Table changes, sweeps and shutdown reach the loops as posted commands.
/// </summary>
/// <remarks>
/// PERF: against the portable transport this saves what .NET's socket engine spends per connection on a short
/// request/response exchange — a thread-pool hop per completion, the two sockets of a connection handled on
/// different engine threads, and the fcntl calls that make each socket non-blocking — and it makes about half the
/// system calls; measured, it spends about half the CPU per connection (<c>benchmarks/l4/cpu-per-connection.sh</c>).
/// </remarks>
internal sealed class EpollTransport
{
    private readonly EventLoop[] _loops;
    private int _active;

    public EpollTransport(ServiceProxy proxy)
    {
        Proxy = proxy;
        ConnectTicks = ConnectionTracker.Ticks(proxy.Time, proxy.Options.ConnectTimeout);
        _loops = new EventLoop[proxy.Options.EventLoops ?? Environment.ProcessorCount];
        try
        {
            for (var i = 0; i < _loops.Length; i++)
            {
                _loops[i] = new EventLoop(this, i);
            }
        }
        catch
        {
            foreach (var created in _loops.TakeWhile(loop => loop is not null))
            {
                created.CloseUnstarted();
            }

            throw;
        }

        foreach (var loop in _loops)
        {
            loop.Start();
        }
    }

    public ServiceProxy Proxy { get; }

    /// <summary>The connect timeout in clock ticks.</summary>
    public long ConnectTicks { get; }

    public IReadOnlyList<EventLoop> Loops => _loops;

    /// <summary>Connections being relayed now, over every loop.</summary>
    public int ActiveConnections => Volatile.Read(ref _active);

    public void ConnectionOpened() => Interlocked.Increment(ref _active);

    public void ConnectionClosed() => Interlocked.Decrement(ref _active);

    /// <summary>Starts, extends or lifts drains after a table change (see <see cref="ConnectionTracker.ApplyTable"/>).</summary>
    public void ApplyTable(ProxyTable table)
    {
        var drainTimeout = Proxy.Options.DrainTimeout;
        var drainTicks = ConnectionTracker.Ticks(Proxy.Time, drainTimeout);
        foreach (var loop in _loops)
        {
            loop.Post(l => l.ForEachConnection(connection => connection.ApplyTable(table, drainTimeout == TimeSpan.Zero, l.Now + drainTicks)));
        }
    }

    /// <summary>Times out connects and closes connections idle too long or past their drain deadline.</summary>
    public void Sweep(long now)
    {
        var idleTicks = Proxy.Options.IdleTimeout is { } idle ? ConnectionTracker.Ticks(Proxy.Time, idle) : long.MaxValue;
        foreach (var loop in _loops)
        {
            loop.Post(l => l.ForEachConnection(connection => connection.Sweep(now, idleTicks)));
        }
    }

    /// <summary>Closes every connection and stops the loops; call after the listeners are closed.</summary>
    public Task CloseAllAsync()
    {
        foreach (var loop in _loops)
        {
            loop.Post(l =>
            {
                try
                {
                    l.ForEachConnection(connection => connection.Shutdown());
                }
                finally
                {
                    l.StopAfterThisBatch();
                }
            });
        }

        return Task.WhenAll(_loops.Select(loop => loop.Stopped));
    }
}
