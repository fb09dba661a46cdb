using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using RoutingCore.Proxying;
using RoutingCore.Sockets.Epoll;
using RoutingCore.State;

namespace RoutingCore.Sockets;

/// <summary>
/// The L4 Service proxy on real sockets (what kube-proxy does, in user space): a TCP or UDP listener on every frontend
/// of the <see cref="ServiceProxyController"/>'s table — each ClusterIP, node address at its nodePort, LoadBalancer
/// ingress IP and externalIP — kept in step with every table it publishes, and optional TLS passthrough listeners.
/// </summary>
/// <remarks>
/// <para>A table change opens listeners for new frontends and closes those of removed ones, and touches nothing else:
/// other listeners keep accepting and established connections keep running. Connections to an endpoint that left its
/// Service are drained (<see cref="SocketProxyOptions.DrainTimeout"/>). Listeners bind the frontend address itself;
/// a bind that fails is reported through <see cref="ListenerFailed"/> with the fix, and retried at each later table.</para>
/// <para>Every connection is placed on the table current when it arrives (one volatile read), so it never sees a
/// half-applied change (M-3).</para>
/// <para>TCP connections of Service frontends are relayed by the transport <see cref="SocketProxyOptions.Transport"/>
/// names: on Linux by default the proxy's own epoll event loops (one per core; a connection and both its sockets stay
/// on the loop that accepted it), elsewhere .NET's sockets. Both behave alike in every respect the tests pin; the
/// epoll transport spends about half the CPU per short-lived connection. Metric listeners' measurement callbacks
/// run on those loops: they must not call back into the proxy (its properties take the lock under which listeners
/// are opened and closed, which waits for the loops).</para>
/// </remarks>
/// <example>
/// <code>
/// var state = new ClusterState(new ClusterStateOptions { ServiceCidr = "127.2.0.0/16", LoadBalancerPools = ["127.3.0.0/24"] });
/// await using var proxy = ServiceProxy.AddTo(state);
/// proxy.ListenerFailed += (_, fault) => Console.Error.WriteLine(fault.Message);
/// proxy.Start();
/// state.ApplyBatch(manifests);
/// await state.RunControllersAsync(stopping);   // listeners follow the store from here on
/// </code>
/// </example>
public sealed class ServiceProxy : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly ListenerSet _listeners;
    private readonly List<TlsPassthroughListener> _passthrough = [];
    private readonly CancellationTokenSource _shutdown = new();
    private Task? _sweeper;
    private bool _started;
    private bool _disposed;

    /// <summary>Creates a proxy over <paramref name="controller"/>'s tables; call <see cref="Start"/> to open listeners.</summary>
    /// <param name="controller">The table source (add it to the store first).</param>
    /// <param name="options">Socket settings; defaults when null.</param>
    /// <param name="timeProvider">The clock of timeouts and expiry; the system clock when null.</param>
    public ServiceProxy(ServiceProxyController controller, SocketProxyOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(controller);
        Controller = controller;
        Options = options ?? new SocketProxyOptions();
        Options.Validate();
        Time = timeProvider ?? TimeProvider.System;
        Metrics = new ProxyMetrics(Options.MeterFactory);
        _listeners = new ListenerSet(this);
    }

    /// <summary>The table source.</summary>
    public ServiceProxyController Controller { get; }

    /// <summary>The socket settings.</summary>
    public SocketProxyOptions Options { get; }

    /// <summary>The listeners open now, Service frontends and passthrough listeners alike.</summary>
    public IReadOnlyList<ListenerInfo> Listeners
    {
        get
        {
            lock (_gate)
            {
                return [.. _listeners.Listeners.Select(l => new ListenerInfo(l.EndPoint, l.Protocol, l.Service)),
                    .. _passthrough.Select(p => new ListenerInfo(p.EndPoint, ProxyProtocol.Tcp, p.Name))];
            }
        }
    }

    /// <summary>The frontends whose listener could not be opened, with the reason and the fix.</summary>
    public IReadOnlyList<ListenerFault> Faults
    {
        get
        {
            lock (_gate)
            {
                return [.. _listeners.Faults];
            }
        }
    }

    /// <summary>TCP connections being relayed now.</summary>
    public int ActiveConnections => Tracker.Count + (Epoll?.ActiveConnections ?? 0);

    /// <summary>UDP flows open now, over every listener.</summary>
    public int UdpFlows
    {
        get
        {
            lock (_gate)
            {
                return _listeners.Listeners.OfType<UdpServiceListener>().Sum(l => l.FlowCount);
            }
        }
    }

    /// <summary>The <c>RoutingCore</c> meter the proxy records on.</summary>
    public Meter Meter => Metrics.Meter;

    /// <summary>Raised when a listener cannot be opened (once per frontend and error, on the thread applying the table).</summary>
    public event EventHandler<ListenerFault>? ListenerFailed;

    internal ProxyTable Table => Controller.Current;

    internal TimeProvider Time { get; }

    internal ProxyMetrics Metrics { get; }

    internal ConnectionTracker Tracker { get; } = new();

    /// <summary>The epoll transport of Service frontends, from <see cref="Start"/> on; null on the portable transport.</summary>
    internal EpollTransport? Epoll { get; private set; }

    internal CancellationToken Shutdown => _shutdown.Token;

    /// <summary>Raised when a UDP flow ends (tests wait on it).</summary>
    internal event Action<UdpFlowEnd>? FlowEnded;

    /// <summary>Adds a <see cref="ServiceProxyController"/> to <paramref name="state"/> and returns a proxy over it (not started).</summary>
    public static ServiceProxy AddTo(ClusterState state, ServiceProxyOptions? proxyOptions = null, SocketProxyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new ServiceProxy(ServiceProxyController.AddTo(state, proxyOptions), options, state.Options.TimeProvider);
    }

    /// <summary>Opens the listeners of the current table and follows every table published from now on.</summary>
    public void Start()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_started)
            {
                return;
            }

            if (Options.EffectiveTransport == TcpTransport.Epoll)
            {
                Epoll = new EpollTransport(this);
            }

            _started = true;
            Controller.TablePublished += OnTablePublished;
            _sweeper = SweepLoopAsync();
        }

        Apply();
    }

    /// <summary>Opens a TLS passthrough listener (§ TLS passthrough) that routes by server name; dispose it to close it.</summary>
    /// <exception cref="InvalidOperationException">The listener cannot be bound (the message names the fix); <see cref="ListenerFailed"/> is raised too.</exception>
    public TlsPassthroughListener AddTlsPassthrough(TlsPassthroughOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxClientHelloBytes, 512);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.ClientHelloTimeout, TimeSpan.Zero);
        var listener = new TlsPassthroughListener(this, options);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                listener.Start();
            }
            catch (SocketException error)
            {
                var fault = ListenSockets.Fault(options.Name, options.EndPoint, ProxyProtocol.Tcp, error);
                ListenerFailed?.Invoke(this, fault);
                throw new InvalidOperationException(fault.Message, error);
            }

            _passthrough.Add(listener);
        }

        return listener;
    }

    /// <summary>Closes every listener and connection and waits for all relaying to stop.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            Controller.TablePublished -= OnTablePublished;
            _listeners.StopAll();
            foreach (var listener in _passthrough)
            {
                listener.Stop();
            }

            _passthrough.Clear();
        }

        await _shutdown.CancelAsync().ConfigureAwait(false);
        if (_sweeper is not null)
        {
            // First, so that no sweep posts to event loops that are stopping; it ends by cancellation, never by a fault.
            await _sweeper.ConfigureAwait(false);
        }

        await Tracker.CloseAllAsync().ConfigureAwait(false);
        if (Epoll is not null)
        {
            await Epoll.CloseAllAsync().ConfigureAwait(false);
        }

        _shutdown.Dispose();
        Metrics.Dispose();
    }

    /// <summary>Relays an established connection until it ends; completes the lease (if any) as a success.</summary>
    internal async Task RelayAsync(Socket client, Socket upstream, ProxyTags tags, DrainIdentity? drain, LeaseSlot? slot)
    {
        var relay = new TcpRelay(client, upstream, Metrics, in tags, Time, Options.BufferSize, drain);
        Tracker.Add(relay);
        Metrics.ConnectionOpened(in tags);
        try
        {
            if (Shutdown.IsCancellationRequested)
            {
                relay.Close(reset: false); // raced with disposal
            }

            await relay.RunAsync().ConfigureAwait(false);
            slot?.Lease.Complete(Balancing.EndpointOutcome.Success);
        }
        finally
        {
            Tracker.Remove(relay);
            Metrics.ConnectionClosed(in tags);
        }
    }

    internal void RemovePassthrough(TlsPassthroughListener listener)
    {
        lock (_gate)
        {
            _passthrough.Remove(listener);
        }
    }

    internal void OnFlowEnded(UdpFlowEnd reason) => FlowEnded?.Invoke(reason);

    private void OnTablePublished(object? sender, ProxyTable table) => Apply();

    /// <summary>
    /// Brings the listeners in line with the latest table and starts or lifts drains. It reads the controller's current
    /// table under the gate rather than the one an event carried, so calls racing each other converge on the newest.
    /// </summary>
    private void Apply()
    {
        List<ListenerFault> faults;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            var table = Controller.Current;
            faults = _listeners.Apply(table);
            Tracker.ApplyTable(table, Time, Options.DrainTimeout);
            Epoll?.ApplyTable(table);
        }

        foreach (var fault in faults)
        {
            ListenerFailed?.Invoke(this, fault);
        }
    }

    private async Task SweepLoopAsync()
    {
        using var timer = new PeriodicTimer(Options.SweepInterval, Time);
        try
        {
            while (await timer.WaitForNextTickAsync(Shutdown).ConfigureAwait(false))
            {
                lock (_gate)
                {
                    var now = Time.GetTimestamp();
                    try
                    {
                        Tracker.Sweep(Time, Options.IdleTimeout);
                        Epoll?.Sweep(now);
                        _listeners.Sweep(now);
                    }
                    catch (Exception error) when (error is not OutOfMemoryException)
                    {
                        // A metrics listener that throws (as a flow or connection closes) must not end sweeping for
                        // good: connect timeouts, idle and drain deadlines depend on it. The next tick goes on.
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }
}
