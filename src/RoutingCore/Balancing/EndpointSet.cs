using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace RoutingCore.Balancing;

/// <summary>
/// The endpoints of one ServicePort as one routing snapshot sees them, and the way to choose one. Immutable in
/// membership: a change of endpoints builds a new set with <see cref="Create"/>, which shares live state with the old
/// set through the <see cref="EndpointStateRegistry"/>. Selection is lock-free and allocation-free.
/// </summary>
/// <remarks>
/// The candidates are the Ready endpoints, or when there are none the serving-and-terminating ones; endpoints in
/// neither category are never chosen (PX-3, PX-4). Among the candidates, passive health removes ejected endpoints unless
/// fewer than the panic threshold would remain. The subtle point is keeping that off the hot path: the set caches a
/// <see cref="HealthView"/> and rebuilds it only when the registry's health version changes or the earliest ejection
/// expires, so a selection with nothing ejected reads no clock and allocates nothing.
/// </remarks>
public sealed class EndpointSet
{
    private readonly EndpointState[] _states;
    private readonly int[] _positionById;
    private readonly TimeProvider _time;
    private readonly EndpointPicker _picker;
    private HealthView _view;

    private EndpointSet(EndpointDescription[] endpoints, EndpointState[] states, EndpointStateRegistry registry, SelectionStrategy strategy)
    {
        Endpoints = ImmutableCollectionsMarshal.AsImmutableArray(endpoints);
        _states = states;
        Registry = registry;
        Strategy = strategy;
        _time = registry.TimeProvider;

        var hasReady = Array.Exists(endpoints, e => e.Category == EndpointCategory.Ready);
        var hasServingTerminating = Array.Exists(endpoints, e => e.Category == EndpointCategory.ServingTerminating);
        CandidateCategory = hasReady ? EndpointCategory.Ready
            : hasServingTerminating ? EndpointCategory.ServingTerminating
            : EndpointCategory.Unusable;

        var candidates = new List<EndpointDescription>();
        var candidateStates = new List<EndpointState>();
        for (var i = 0; i < endpoints.Length; i++)
        {
            if (CandidateCategory != EndpointCategory.Unusable && endpoints[i].Category == CandidateCategory)
            {
                candidates.Add(endpoints[i]);
                candidateStates.Add(states[i]);
            }
        }

        CandidateEndpoints = [.. candidates];
        CandidateStates = [.. candidateStates];
        Candidates = ImmutableCollectionsMarshal.AsImmutableArray(CandidateEndpoints);

        var maxId = -1;
        foreach (var state in CandidateStates)
        {
            maxId = Math.Max(maxId, state.Id);
        }

        _positionById = new int[maxId + 1];
        Array.Fill(_positionById, -1);
        for (var p = 0; p < CandidateStates.Length; p++)
        {
            _positionById[CandidateStates[p].Id] = p;
        }

        _view = Refresh();
        _picker = strategy.Compile(this);
    }

    /// <summary>Every endpoint after de-duplication, in the stable order (address, then port), whatever its category.</summary>
    public ImmutableArray<EndpointDescription> Endpoints { get; }

    /// <summary>The endpoints selection chooses from: all of one category, in the stable order (PX-4).</summary>
    public ImmutableArray<EndpointDescription> Candidates { get; }

    /// <summary>
    /// <see cref="EndpointCategory.Ready"/> when some endpoint is ready, else <see cref="EndpointCategory.ServingTerminating"/>
    /// when some endpoint is serving and terminating, else <see cref="EndpointCategory.Unusable"/> (no candidates:
    /// the Service has no endpoints, PX-7 <c>Rejected</c>).
    /// </summary>
    public EndpointCategory CandidateCategory { get; }

    /// <summary>The live state shared with the sets built before and after this one.</summary>
    public EndpointStateRegistry Registry { get; }

    /// <summary>The strategy compiled into this set.</summary>
    public SelectionStrategy Strategy { get; }

    /// <summary>The candidates, as an array for the pickers (never exposed mutable).</summary>
    internal EndpointDescription[] CandidateEndpoints { get; }

    /// <summary>The live state of each candidate, by position.</summary>
    internal EndpointState[] CandidateStates { get; }

    /// <summary>
    /// Builds the set of a ServicePort: removes duplicate (address, port) pairs, keeping the entry in the best category
    /// (EPS-3: an endpoint listed by two slices), orders the endpoints stably, attaches their live state (creating it for
    /// new endpoints and forgetting endpoints no longer listed) and compiles <paramref name="strategy"/>.
    /// </summary>
    /// <param name="endpoints">Every endpoint of the ServicePort, in any order, of any category.</param>
    /// <param name="registry">The ServicePort's long-lived state; pass the same one to every set of that ServicePort.</param>
    /// <param name="strategy">How to choose.</param>
    /// <returns>The set; it may have no candidates.</returns>
    public static EndpointSet Create(IEnumerable<EndpointDescription> endpoints, EndpointStateRegistry registry, SelectionStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(strategy);

        var unique = new Dictionary<EndpointKey, EndpointDescription>();
        foreach (var endpoint in endpoints)
        {
            ArgumentNullException.ThrowIfNull(endpoint, nameof(endpoints));
            if (!unique.TryGetValue(endpoint.Key, out var existing) || endpoint.Category > existing.Category)
            {
                unique[endpoint.Key] = endpoint;
            }
        }

        var ordered = unique.Values.ToArray();
        Array.Sort(ordered, EndpointOrder.Instance);
        var keys = new EndpointKey[ordered.Length];
        for (var i = 0; i < ordered.Length; i++)
        {
            keys[i] = ordered[i].Key;
        }

        return new EndpointSet(ordered, registry.Attach(keys), registry, strategy);
    }

    /// <summary>
    /// The endpoints on one node, for <c>Local</c> traffic policy (PX-5): Ready ones there, else serving-and-terminating
    /// ones there, else none, even if other nodes have endpoints. An unknown node (null) has no endpoints [RC].
    /// Shares this set's live state and strategy.
    /// </summary>
    /// <param name="nodeName">The receiving node.</param>
    public EndpointSet ForNode(string? nodeName) =>
        Subset(nodeName, static (endpoint, node) => string.Equals(endpoint.NodeName, node, StringComparison.Ordinal));

    /// <summary>
    /// The endpoints in one zone, for <c>trafficDistribution</c> (PX-10): chosen as <see cref="ForNode"/> chooses, among
    /// the endpoints whose zone is <paramref name="zone"/>. An unknown zone (null) has no endpoints. Shares this set's
    /// live state and strategy.
    /// </summary>
    /// <param name="zone">The zone (the node label <c>topology.kubernetes.io/zone</c>).</param>
    public EndpointSet ForZone(string? zone) =>
        Subset(zone, static (endpoint, z) => string.Equals(endpoint.Zone, z, StringComparison.Ordinal));

    private EndpointSet Subset(string? key, Func<EndpointDescription, string, bool> belongs)
    {
        var endpoints = new List<EndpointDescription>();
        var states = new List<EndpointState>();
        for (var i = 0; key is not null && i < Endpoints.Length; i++)
        {
            if (belongs(Endpoints[i], key))
            {
                endpoints.Add(Endpoints[i]);
                states.Add(_states[i]);
            }
        }

        return new EndpointSet([.. endpoints], [.. states], Registry, Strategy);
    }

    /// <summary>
    /// Chooses a candidate with the strategy. On success the endpoint counts one more request in flight until the
    /// lease is completed. Never allocates or locks.
    /// </summary>
    /// <param name="context">What the strategy may use: client address, hash key.</param>
    /// <param name="lease">The chosen endpoint; complete it exactly once.</param>
    /// <returns>False when the set has no candidates (the caller rejects or drops, PX-7).</returns>
    public bool TrySelect(in SelectionContext context, out EndpointLease lease)
    {
        var view = Volatile.Read(ref _view);
        if (view.Version != Volatile.Read(ref Registry.HealthVersion) || (view.HasEjected && _time.GetTimestamp() >= view.NextExpiry))
        {
            view = Refresh();
        }

        if (view.Count == 0)
        {
            lease = default;
            return false;
        }

        var position = _picker.Pick(in context, view);
        var state = CandidateStates[position];
        Interlocked.Increment(ref state.InFlight);
        lease = new EndpointLease(CandidateEndpoints[position], state);
        return true;
    }

    /// <summary>The candidate position of <paramref name="state"/>, or -1 when it is not a candidate of this set.</summary>
    internal int PositionOf(EndpointState state)
    {
        var id = state.Id;
        if ((uint)id >= (uint)_positionById.Length)
        {
            return -1;
        }

        var position = _positionById[id];
        return position >= 0 && ReferenceEquals(CandidateStates[position], state) ? position : -1;
    }

    /// <summary>Recomputes and publishes the health view.</summary>
    private HealthView Refresh()
    {
        var view = HealthView.Compute(CandidateStates, Registry);
        Volatile.Write(ref _view, view);
        return view;
    }
}
