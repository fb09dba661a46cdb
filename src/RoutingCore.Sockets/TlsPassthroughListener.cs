using System.Buffers;
using System.Net;
using System.Net.Sockets;
using RoutingCore.Balancing;
using RoutingCore.Matching;
using RoutingCore.Proxying;

namespace RoutingCore.Sockets;

/// <summary>
/// A TLS passthrough listener: reads each client's ClientHello without terminating TLS, routes the connection by the
/// server name (SNI) with Ingress host semantics, then forwards the bytes untouched — the hello first, exactly as
/// received — so the endpoint completes the TLS handshake with the client itself. Created by
/// <see cref="ServiceProxy.AddTlsPassthrough"/>; routes and default can be replaced while it runs.
/// </summary>
/// <remarks>
/// A connection with no server name, one no route matches, a malformed or oversized ClientHello, or no ClientHello
/// within <see cref="TlsPassthroughOptions.ClientHelloTimeout"/> (a protocol where the server speaks first) goes to
/// <see cref="DefaultTarget"/> with whatever bytes arrived, or is closed when there is none. A client that closes
/// before sending anything is simply closed.
/// </remarks>
public sealed class TlsPassthroughListener : IAsyncDisposable
{
    private readonly ServiceProxy _proxy;
    private readonly TlsPassthroughOptions _options;
    private HostPathMatcher<TlsPassthroughTarget> _routes;
    private TlsPassthroughTarget? _default;
    private Socket? _socket;

    internal TlsPassthroughListener(ServiceProxy proxy, TlsPassthroughOptions options)
    {
        ArgumentNullException.ThrowIfNull(options.EndPoint);
        ArgumentNullException.ThrowIfNull(options.Routes);
        _proxy = proxy;
        _options = options;
        _routes = options.Routes;
        _default = options.DefaultTarget;
        EndPoint = options.EndPoint;
    }

    /// <summary>The bound address and port.</summary>
    public IPEndPoint EndPoint { get; private set; }

    /// <summary>The listener's name.</summary>
    public string Name => _options.Name;

    /// <summary>The server-name routes; replacing them affects connections accepted afterwards.</summary>
    public HostPathMatcher<TlsPassthroughTarget> Routes
    {
        get => Volatile.Read(ref _routes);
        set => Volatile.Write(ref _routes, value ?? throw new ArgumentNullException(nameof(value)));
    }

    /// <summary>Where unroutable connections go; null closes them.</summary>
    public TlsPassthroughTarget? DefaultTarget
    {
        get => Volatile.Read(ref _default);
        set => Volatile.Write(ref _default, value);
    }

    /// <summary>Raised when a connection's ClientHello timeout has started (tests advance a fake clock after it).</summary>
    internal event Action? WaitingForClientHello;

    /// <summary>Stops accepting; connections already forwarded keep running until they end or the proxy is disposed.</summary>
    public ValueTask DisposeAsync()
    {
        Stop();
        _proxy.RemovePassthrough(this);
        return ValueTask.CompletedTask;
    }

    internal void Start()
    {
        _socket = ListenSockets.OpenTcp(EndPoint, _proxy.Options.ListenBacklog);
        EndPoint = (IPEndPoint)_socket.LocalEndPoint!;
        _proxy.Tracker.Track(AcceptLoopAsync(_socket));
    }

    internal void Stop() => _socket?.Dispose();

    private Task AcceptLoopAsync(Socket listener) =>
        AcceptLoop.RunAsync(listener, accepted =>
        {
            _proxy.Tracker.BeginSession();
            _ = RunAsync(accepted);
        });

    private async Task RunAsync(Socket client)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(_options.MaxClientHelloBytes);
        var slot = new LeaseSlot();
        try
        {
            client.NoDelay = true;
            var hello = buffer.AsMemory(0, _options.MaxClientHelloBytes);
            var reading = ClientHelloReader.ReadAsync(client, hello, _options.ClientHelloTimeout, _proxy.Time, _proxy.Shutdown);
            WaitingForClientHello?.Invoke(); // the timeout is armed from here on
            var (status, serverName, length, closed) = await reading.ConfigureAwait(false);
            if (closed && length == 0)
            {
                client.Dispose(); // connected and left without a word
                return;
            }

            var target = Route(status, serverName);
            if (target is null)
            {
                TcpServiceSession.Reset(client);
                return;
            }

            var remote = ((IPEndPoint)client.RemoteEndPoint!).Address;
            var (upstream, tags, drain) = await ConnectAsync(target, remote, slot).ConfigureAwait(false);
            if (upstream is null)
            {
                TcpServiceSession.Reset(client);
                return;
            }

            try
            {
                await TcpRelay.SendAllAsync(upstream, buffer.AsMemory(0, length)).ConfigureAwait(false);
            }
            catch (Exception error) when (error is SocketException or ObjectDisposedException)
            {
                upstream.Dispose();
                throw;
            }

            _proxy.Metrics.Bytes(in tags, upstream: true, length);
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = null;
            await _proxy.RelayAsync(client, upstream, tags, drain, slot).ConfigureAwait(false);
        }
        catch (Exception error) when (error is SocketException or ObjectDisposedException)
        {
            TcpServiceSession.Reset(client);
        }
        finally
        {
            slot.Lease.Complete(EndpointOutcome.Neutral);
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            _proxy.Tracker.EndSession();
        }
    }

    private TlsPassthroughTarget? Route(ClientHelloStatus status, string? serverName)
    {
        if (status == ClientHelloStatus.Complete && serverName is not null && Routes.Match(serverName, "/").TryGetValue(out var target))
        {
            return target;
        }

        return DefaultTarget;
    }

    private async Task<(Socket? Upstream, ProxyTags Tags, DrainIdentity? Drain)> ConnectAsync(TlsPassthroughTarget target, IPAddress client, LeaseSlot slot)
    {
        if (target.EndPoint is { } fixedTarget)
        {
            var fixedTags = new ProxyTags(target.Label, target.PortLabel, ProxyProtocol.Tcp);
            return (await UpstreamConnector.ConnectAsync(fixedTarget, _proxy.Options, _proxy.Tracker, _proxy.Time, _proxy.Metrics, fixedTags, _proxy.Shutdown).ConfigureAwait(false), fixedTags, null);
        }

        var decision = _proxy.Table.ResolveService(target.Namespace!, target.Service!, target.Port!, ProxyProtocol.Tcp, client, out slot.Lease);
        var tags = decision.ServicePort is { } port ? ProxyTags.For(port) : new ProxyTags(target.Label, target.PortLabel, ProxyProtocol.Tcp);
        if (decision.Outcome != ProxyOutcome.Selected)
        {
            _proxy.Metrics.Refused(in tags, decision);
            return (null, tags, null);
        }

        var servicePort = decision.ServicePort!;
        var upstream = await UpstreamConnector.ConnectAsync(slot, decision.Endpoints, client, _proxy.Options, _proxy.Tracker, _proxy.Time, _proxy.Metrics, tags, _proxy.Shutdown).ConfigureAwait(false);
        var drain = upstream is null ? null
            : new DrainIdentity(servicePort.Service.Metadata.Namespace, servicePort.Service.Metadata.Name, servicePort.Port.Port, slot.Lease.Endpoint.Key);
        return (upstream, tags, drain);
    }
}
