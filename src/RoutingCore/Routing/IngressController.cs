using RoutingCore.Model;
using RoutingCore.State;

namespace RoutingCore.Routing;

/// <summary>
/// The Ingress controller (§5, §6, M-2, M-3): whenever an Ingress, IngressClass, Service, EndpointSlice or Secret
/// changes, it recompiles the routing table off the request path and publishes it with one reference swap; it writes
/// the published addresses to the status of the Ingresses it serves (ING-S1..S3) and clears the status it wrote on
/// Ingresses it stops serving (CLS-4).
/// </summary>
/// <example>
/// <code>
/// var state = new ClusterState();
/// var ingress = IngressController.AddTo(state, new IngressControllerOptions { WatchIngressWithoutClass = true });
/// state.ApplyBatch(objects);
/// state.Sync();
/// RouteResult route = ingress.Current.Route("shop.example.com", "/api/orders");
/// </code>
/// </example>
public sealed class IngressController : IClusterController
{
    private readonly IngressControllerOptions _options;
    private readonly BackendStates _backends;
    private readonly TlsCertificateCache _certificates = new();
    private readonly HashSet<ObjectKey> _statusWritten = [];
    private HashSet<LintDiagnostic> _reported = [];
    private RoutingSnapshot? _current;

    /// <summary>Creates a controller; add it to a store with <see cref="ClusterState.AddController"/> (or use <see cref="AddTo"/>).</summary>
    public IngressController(IngressControllerOptions? options = null, TimeProvider? timeProvider = null)
    {
        _options = options ?? new IngressControllerOptions();
        _backends = new BackendStates(timeProvider ?? TimeProvider.System);
    }

    /// <summary>The configuration.</summary>
    public IngressControllerOptions Options => _options;

    /// <summary>The latest routing table; before the first <see cref="ClusterState.Sync"/> it routes everything to the controller default backend.</summary>
    public RoutingSnapshot Current => Volatile.Read(ref _current) ?? Empty;

    /// <summary>Raised after each new routing table is published (on the thread running the controllers).</summary>
    public event EventHandler<RoutingSnapshot>? SnapshotPublished;

    private static RoutingSnapshot Empty { get; } =
        IngressCompiler.Compile(new ClusterView(StoreSnapshot.Empty), new IngressControllerOptions(), new BackendStates(TimeProvider.System), new TlsCertificateCache());

    /// <summary>Creates a controller using the store's clock, adds it to <paramref name="state"/> and returns it.</summary>
    public static IngressController AddTo(ClusterState state, IngressControllerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        var controller = new IngressController(options, state.Options.TimeProvider);
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

        var snapshot = IngressCompiler.Compile(state.Current, _options, _backends, _certificates);
        Volatile.Write(ref _current, snapshot);
        ReportNewConflicts(state, snapshot);
        SnapshotPublished?.Invoke(this, snapshot);
        WriteStatus(state, snapshot);
    }

    /// <summary>M-3 / ING-M5: what can change routing. A status-only Ingress write cannot.</summary>
    private static bool IsRelevant(WatchEvent change) => change.Object switch
    {
        Ingress ingress => change.OldObject is not Ingress old || change.Type != WatchEventType.Modified
            || !ReferenceEquals(old.Spec, ingress.Spec)
            || !ReferenceEquals(old.Metadata.Annotations, ingress.Metadata.Annotations)
            || old.Metadata.CreationTimestamp != ingress.Metadata.CreationTimestamp,
        IngressClass or Service or EndpointSlice or Secret => true,
        _ => false,
    };

    /// <summary>ING-M3: one warning per conflict loser, when it first appears.</summary>
    private void ReportNewConflicts(ClusterState state, RoutingSnapshot snapshot)
    {
        var now = snapshot.Diagnostics.Where(d => d.Code is LintCodes.DuplicatePath or LintCodes.BadTlsSecret).ToHashSet();
        foreach (var diagnostic in now)
        {
            if (!_reported.Contains(diagnostic))
            {
                state.ReportWarning(new ClusterWarning(diagnostic.Object, diagnostic.Code == LintCodes.DuplicatePath ? "DuplicateIngressPath" : "BadTlsSecret", diagnostic.Message));
            }
        }

        _reported = now;
    }

    /// <summary>ING-S1..S3 and CLS-4.</summary>
    private void WriteStatus(ClusterState state, RoutingSnapshot snapshot)
    {
        var published = _options.PublishedAddresses.ToArray();
        foreach (var entry in snapshot.Ingresses)
        {
            if (state.Get<Ingress>(entry.Ingress.Namespace, entry.Ingress.Name) is not { } ingress)
            {
                _statusWritten.Remove(entry.Ingress);
                continue;
            }

            if (entry.IsServed)
            {
                if (!ingress.Status.LoadBalancer.Ingress.SequenceEqual(published))
                {
                    TryUpdateStatus(state, ingress with { Status = new IngressStatus { LoadBalancer = new LoadBalancerStatus { Ingress = [.. published] } } });
                }

                _statusWritten.Add(entry.Ingress);
            }
            else if (_statusWritten.Remove(entry.Ingress) && !ingress.Status.LoadBalancer.Ingress.IsEmpty)
            {
                TryUpdateStatus(state, ingress with { Status = new IngressStatus() });
            }
        }

        _statusWritten.RemoveWhere(key => state.Get<Ingress>(key.Namespace, key.Name) is null);
    }

    private static void TryUpdateStatus(ClusterState state, Ingress ingress)
    {
        try
        {
            state.UpdateStatus(ingress);
        }
        catch (ApiException error)
        {
            state.ReportWarning(new ClusterWarning(ObjectKey.Of(ingress), "StatusUpdateFailed", error.Message));
        }
    }
}
