using System.Collections.Immutable;
using RoutingCore.Model;
using RoutingCore.State;

namespace RoutingCore.Discovery;

/// <summary>
/// The EndpointSlice controller (§8.2): keeps the managed slices of every Service with a selector equal to what its
/// selected pods say.
/// </summary>
/// <remarks>
/// Incremental by construction: the controller keeps two label indexes — pods by each of their labels, Services by
/// one pair of their selector — so that a pod change finds the Services that select it (before or after the change)
/// by looking up the pod's own labels, and a dirty Service finds its pods through one selector pair. Only dirty
/// Services are recomputed, and a recomputation costs in proportion to that Service's pods, not to the cluster.
/// Slices are rewritten only when their content changes, so a readiness flip touches one slice.
/// </remarks>
internal sealed class EndpointSliceController : IClusterController
{
    private readonly LabelIndex _pods = new();
    private readonly LabelIndex _services = new();
    private readonly Dictionary<(string Namespace, string Service), SortedSet<string>> _slices = [];
    private readonly int _maxEndpointsPerSlice;

    public EndpointSliceController(int maxEndpointsPerSlice)
    {
        _maxEndpointsPerSlice = Math.Clamp(maxEndpointsPerSlice, 1, 1000);
    }

    public void Reconcile(ClusterState state, IReadOnlyList<WatchEvent> changes)
    {
        var dirty = new HashSet<(string Namespace, string Name)>();
        var allServices = false;
        foreach (var change in changes)
        {
            switch (change.Object)
            {
                case Service:
                    OnService(change, dirty);
                    break;
                case Pod:
                    OnPod(state, change, dirty);
                    break;
                case EndpointSlice:
                    OnSlice(state, change, dirty);
                    break;
                case Node:
                    // Zones come from node labels; node changes are rare enough to recheck everything.
                    allServices |= change.Type != WatchEventType.Added || change.OldObject is not null;
                    break;
            }
        }

        if (allServices)
        {
            foreach (var service in state.List<Service>())
            {
                dirty.Add((service.Metadata.Namespace, service.Metadata.Name));
            }
        }

        foreach (var (ns, name) in dirty.OrderBy(d => d.Namespace, StringComparer.Ordinal).ThenBy(d => d.Name, StringComparer.Ordinal))
        {
            SyncService(state, ns, name);
        }
    }

    private void OnService(WatchEvent change, HashSet<(string, string)> dirty)
    {
        var service = (Service)change.Object!;
        if (change.OldObject is Service old)
        {
            IndexService(old, add: false);
        }

        if (change.Type != WatchEventType.Deleted)
        {
            IndexService(service, add: true);
        }

        dirty.Add((service.Metadata.Namespace, service.Metadata.Name));
    }

    private void IndexService(Service service, bool add)
    {
        if (service.Spec.Selector.IsEmpty)
        {
            return;
        }

        // One pair suffices: a selected pod carries every pair, this one included.
        var first = service.Spec.Selector.First();
        if (add)
        {
            _services.Add(service.Metadata.Namespace, [first], service.Metadata.Name);
        }
        else
        {
            _services.Remove(service.Metadata.Namespace, [first], service.Metadata.Name);
        }
    }

    private void OnPod(ClusterState state, WatchEvent change, HashSet<(string, string)> dirty)
    {
        var pod = (Pod)change.Object!;
        var ns = pod.Metadata.Namespace;
        if (change.OldObject is Pod old)
        {
            _pods.Remove(ns, old.Metadata.Labels, old.Metadata.Name);
            MarkSelecting(state, old, dirty);
        }

        if (change.Type != WatchEventType.Deleted)
        {
            _pods.Add(ns, pod.Metadata.Labels, pod.Metadata.Name);
        }

        MarkSelecting(state, pod, dirty);
    }

    /// <summary>Marks every Service whose selector matches <paramref name="pod"/>'s labels.</summary>
    private void MarkSelecting(ClusterState state, Pod pod, HashSet<(string, string)> dirty)
    {
        var ns = pod.Metadata.Namespace;
        foreach (var (key, value) in pod.Metadata.Labels)
        {
            foreach (var name in _services.Find(ns, key, value))
            {
                if (state.Get<Service>(ns, name) is { } service && Selects(service, pod))
                {
                    dirty.Add((ns, name));
                }
            }
        }
    }

    private void OnSlice(ClusterState state, WatchEvent change, HashSet<(string, string)> dirty)
    {
        var slice = (EndpointSlice)change.Object!;
        if (!IsManaged(slice) || !slice.Metadata.Labels.TryGetValue(EndpointSlice.ServiceNameLabel, out var service))
        {
            return;
        }

        var key = (slice.Metadata.Namespace, service);
        if (change.Type == WatchEventType.Deleted)
        {
            if (_slices.TryGetValue(key, out var names))
            {
                names.Remove(slice.Metadata.Name);
            }

            // Someone else deleted a slice the Service still needs: repair.
            if (state.Get<Service>(slice.Metadata.Namespace, service) is not null)
            {
                dirty.Add(key);
            }
        }
        else
        {
            if (!_slices.TryGetValue(key, out var names))
            {
                _slices[key] = names = new SortedSet<string>(StringComparer.Ordinal);
            }

            names.Add(slice.Metadata.Name);
        }
    }

    private void SyncService(ClusterState state, string ns, string name)
    {
        var service = state.Get<Service>(ns, name);
        var existing = _slices.TryGetValue((ns, name), out var names)
            ? names.Select(n => state.Get<EndpointSlice>(ns, n)).OfType<EndpointSlice>().ToList()
            : [];
        var desired = service is null || service.Spec.Type == ServiceTypes.ExternalName || service.Spec.Selector.IsEmpty
            ? []
            : SliceDesign.Compute(service, SelectedPods(state, service), state.Current, _maxEndpointsPerSlice);
        SliceWriter.Apply(state, service, desired, existing);
    }

    private List<Pod> SelectedPods(ClusterState state, Service service)
    {
        var ns = service.Metadata.Namespace;
        var (key, value) = service.Spec.Selector.First();
        var pods = new List<Pod>();
        foreach (var podName in _pods.Find(ns, key, value))
        {
            if (state.Get<Pod>(ns, podName) is { } pod && Selects(service, pod))
            {
                pods.Add(pod);
            }
        }

        return pods;
    }

    internal static bool IsManaged(EndpointSlice slice) =>
        slice.Metadata.Labels.TryGetValue(EndpointSlice.ManagedByLabel, out var manager) && manager == EndpointSlice.ControllerName;

    /// <summary>LBL-8: a Service selector is an equality map; an empty one selects nothing.</summary>
    internal static bool Selects(Service service, Pod pod)
    {
        var selector = service.Spec.Selector;
        if (selector.IsEmpty)
        {
            return false;
        }

        ImmutableSortedDictionary<string, string> labels = pod.Metadata.Labels;
        foreach (var (key, value) in selector)
        {
            if (!labels.TryGetValue(key, out var actual) || actual != value)
            {
                return false;
            }
        }

        return true;
    }
}
