using RoutingCore.Model;
using RoutingCore.State;
using RoutingCore.Validation;

namespace RoutingCore.Proxying;

/// <summary>
/// The Service proxy controller (§10, M-2, M-3): whenever a Service, EndpointSlice, Node or pod address changes, it
/// recompiles the <see cref="ProxyTable"/> off the data path and publishes it with one reference swap. Endpoint live
/// state (in-flight counts, passive health, ClientIP affinity) is kept per ServicePort across rebuilds.
/// </summary>
/// <example>
/// <code>
/// var state = new ClusterState(new ClusterStateOptions { ServiceCidr = "127.2.0.0/16" });
/// var proxy = ServiceProxyController.AddTo(state, new ServiceProxyOptions { NodeName = "node-1" });
/// state.ApplyBatch(objects);
/// state.Sync();
/// var decision = proxy.Current.Resolve(ProxyProtocol.Tcp, clusterIP, 80, client, out var lease);
/// </code>
/// </example>
public sealed class ServiceProxyController : IClusterController
{
    private readonly ServiceProxyOptions _options;
    private readonly ProxyStates _states;
    private HashSet<ClusterWarning> _reported = [];
    private ProxyTable? _current;

    /// <summary>Creates a controller; add it to a store with <see cref="ClusterState.AddController"/> (or use <see cref="AddTo"/>).</summary>
    /// <param name="options">The configuration; defaults when null.</param>
    /// <param name="timeProvider">The clock of endpoint state (affinity timeouts, ejections); the system clock when null.</param>
    /// <exception cref="ArgumentException">A node address is not an IP address, or a cluster CIDR is not a CIDR.</exception>
    public ServiceProxyController(ServiceProxyOptions? options = null, TimeProvider? timeProvider = null)
    {
        _options = options ?? new ServiceProxyOptions();
        foreach (var address in _options.NodeAddresses)
        {
            if (!IPRules.IsIP(address.Trim()))
            {
                throw new ArgumentException($"NodeAddresses: \"{address}\" is not an IP address.", nameof(options));
            }
        }

        foreach (var cidr in _options.ClusterCidrs ?? [])
        {
            if (!IPRules.TryParseCidr(cidr.Trim(), out _, out _))
            {
                throw new ArgumentException($"ClusterCidrs: \"{cidr}\" is not a CIDR.", nameof(options));
            }
        }

        _options.OutlierDetection.Validate();
        _states = new ProxyStates(_options, timeProvider ?? TimeProvider.System);
    }

    /// <summary>The configuration.</summary>
    public ServiceProxyOptions Options => _options;

    /// <summary>The latest table; <see cref="ProxyTable.Empty"/> before the first <see cref="ClusterState.Sync"/>.</summary>
    public ProxyTable Current => Volatile.Read(ref _current) ?? ProxyTable.Empty;

    /// <summary>Raised after each new table is published, on the thread running the controllers.</summary>
    public event EventHandler<ProxyTable>? TablePublished;

    /// <summary>Creates a controller using the store's clock, adds it to <paramref name="state"/> and returns it.</summary>
    public static ServiceProxyController AddTo(ClusterState state, ServiceProxyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        var controller = new ServiceProxyController(options, state.Options.TimeProvider);
        state.AddController(controller);
        return controller;
    }

    /// <inheritdoc />
    public void Reconcile(ClusterState state, IReadOnlyList<WatchEvent> changes)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(changes);
        if (_current is not null && !changes.Any(IsRelevant))
        {
            return;
        }

        var table = ProxyCompiler.Compile(state.Current, _options, state.Options.PodCidr, _states);
        Volatile.Write(ref _current, table);
        ReportNewDiagnostics(state, table);
        TablePublished?.Invoke(this, table);
    }

    /// <summary>What can change the table: Services, their slices, Nodes, and pod addresses or nodes (PX-5, PX-6).</summary>
    private static bool IsRelevant(WatchEvent change) => change.Object switch
    {
        Service or EndpointSlice or Node => true,
        Pod pod => change.OldObject is not Pod old || change.Type != WatchEventType.Modified
            || old.Status.PodIP != pod.Status.PodIP || !old.Status.PodIPs.SequenceEqual(pod.Status.PodIPs)
            || old.Spec.NodeName != pod.Spec.NodeName || old.IsTerminal != pod.IsTerminal,
        null => change.Type == WatchEventType.Resync,
        _ => false,
    };

    /// <summary>Each diagnostic is reported once, when it first appears.</summary>
    private void ReportNewDiagnostics(ClusterState state, ProxyTable table)
    {
        var now = table.Diagnostics.ToHashSet();
        foreach (var diagnostic in table.Diagnostics)
        {
            if (!_reported.Contains(diagnostic))
            {
                state.ReportWarning(diagnostic);
            }
        }

        _reported = now;
    }
}
