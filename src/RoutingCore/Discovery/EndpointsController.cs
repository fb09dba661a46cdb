using System.Collections.Immutable;
using RoutingCore.Model;
using RoutingCore.State;

namespace RoutingCore.Discovery;

/// <summary>
/// The legacy Endpoints controller (EP-2): keeps a core/v1 Endpoints object, named after its Service, for every
/// Service with a selector, for the tools and people that still read Endpoints (<c>kubectl get endpoints</c>).
/// </summary>
/// <remarks>
/// The Endpoints are derived from the Service's controller-managed EndpointSlices rather than from pods again, so both
/// views always agree and the work stays incremental: a slice change recomputes only its Service, at a cost in
/// proportion to that Service's endpoints. Each slice has one port list, so each port list becomes one subset; ready
/// endpoints go to <c>addresses</c>, endpoints neither ready nor terminating to <c>notReadyAddresses</c>, and
/// terminating ones are left out (with <c>publishNotReadyAddresses</c> the slices already mark them ready). The
/// subtle point is ownership: Endpoints of a selector-less Service belong to the user and are never touched, but when
/// a Service is deleted its Endpoints go with it, as upstream does.
/// </remarks>
internal sealed class EndpointsController : IClusterController
{
    /// <summary>The annotation a truncated Endpoints object carries.</summary>
    public const string OverCapacityAnnotation = "endpoints.kubernetes.io/over-capacity";

    /// <summary>At most this many addresses, ready and not ready together.</summary>
    public const int MaxAddresses = 1000;

    private readonly Dictionary<(string Namespace, string Service), SortedSet<string>> _slices = [];

    public void Reconcile(ClusterState state, IReadOnlyList<WatchEvent> changes)
    {
        var dirty = new SortedSet<(string Namespace, string Name)>();
        foreach (var change in changes)
        {
            switch (change.Object)
            {
                case Service service:
                    dirty.Add((service.Metadata.Namespace, service.Metadata.Name));
                    break;
                case EndpointSlice slice when EndpointSliceController.IsManaged(slice) || (change.OldObject is EndpointSlice old && EndpointSliceController.IsManaged(old)):
                    OnSlice(change, slice, dirty);
                    break;
            }
        }

        foreach (var (ns, name) in dirty)
        {
            Sync(state, ns, name);
        }
    }

    private void OnSlice(WatchEvent change, EndpointSlice slice, SortedSet<(string, string)> dirty)
    {
        if (change.OldObject is EndpointSlice old && old.Metadata.Labels.TryGetValue(EndpointSlice.ServiceNameLabel, out var before)
            && _slices.TryGetValue((old.Metadata.Namespace, before), out var previous))
        {
            previous.Remove(old.Metadata.Name);
            dirty.Add((old.Metadata.Namespace, before));
        }

        if (!slice.Metadata.Labels.TryGetValue(EndpointSlice.ServiceNameLabel, out var service))
        {
            return;
        }

        var key = (slice.Metadata.Namespace, service);
        if (change.Type == WatchEventType.Deleted || !EndpointSliceController.IsManaged(slice))
        {
            if (_slices.TryGetValue(key, out var names))
            {
                names.Remove(slice.Metadata.Name);
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

        dirty.Add(key);
    }

    private void Sync(ClusterState state, string ns, string name)
    {
        var service = state.Get<Service>(ns, name);
        var current = state.Get<Endpoints>(ns, name);
        if (service is null)
        {
            _slices.Remove((ns, name));
            if (current is not null)
            {
                Write(state, ns, name, () => state.Delete<Endpoints>(ns, name));
            }

            return;
        }

        if (service.Spec.Selector.IsEmpty || service.Spec.Type == ServiceTypes.ExternalName)
        {
            return; // the user's Endpoints, if any
        }

        var slices = _slices.TryGetValue((ns, name), out var names)
            ? names.Select(n => state.Get<EndpointSlice>(ns, n)).OfType<EndpointSlice>().ToList()
            : [];
        var (subsets, truncated) = Subsets(slices);
        var labels = service.Spec.ClusterIP == ServicePolicies.None
            ? service.Metadata.Labels.SetItem(EndpointSlice.HeadlessLabel, "")
            : service.Metadata.Labels.Remove(EndpointSlice.HeadlessLabel);
        if (current is null)
        {
            var created = new Endpoints
            {
                Metadata = new ObjectMeta { Namespace = ns, Name = name, Labels = labels, Annotations = Annotate(Labels.Empty, truncated) },
                Subsets = subsets,
            };
            Write(state, ns, name, () => state.Create(created));
            return;
        }

        var next = current with
        {
            Metadata = current.Metadata with { Labels = labels, Annotations = Annotate(current.Metadata.Annotations, truncated) },
            Subsets = subsets,
        };
        if (!Same(current, next))
        {
            Write(state, ns, name, () => state.Update(next));
        }
    }

    /// <summary>One subset per port list, addresses sorted by IP; ready addresses are kept first when over capacity.</summary>
    internal static (ImmutableArray<EndpointSubset> Subsets, bool Truncated) Subsets(IEnumerable<EndpointSlice> slices)
    {
        var byPorts = new SortedDictionary<string, (ImmutableArray<EndpointPort> Ports, List<EndpointAddress> Ready, List<EndpointAddress> NotReady)>(StringComparer.Ordinal);
        foreach (var slice in slices)
        {
            if (slice.AddressType == AddressTypes.Fqdn || slice.Ports.IsDefaultOrEmpty)
            {
                continue; // legacy Endpoints hold IPs, and a subset needs ports
            }

            var ports = slice.Ports.OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Port).ToImmutableArray();
            var key = SliceDesign.PortKey(ports);
            if (!byPorts.TryGetValue(key, out var subset))
            {
                byPorts[key] = subset = (ports, [], []);
            }

            foreach (var endpoint in slice.Endpoints)
            {
                if (endpoint.Addresses.IsDefaultOrEmpty)
                {
                    continue;
                }

                var address = new EndpointAddress(endpoint.Addresses[0], endpoint.Hostname, endpoint.NodeName, endpoint.TargetRef);
                if (endpoint.Conditions.IsReady)
                {
                    subset.Ready.Add(address);
                }
                else if (!endpoint.Conditions.IsTerminating)
                {
                    subset.NotReady.Add(address);
                }
            }
        }

        var budget = MaxAddresses;
        var truncated = false;
        var result = ImmutableArray.CreateBuilder<EndpointSubset>();
        foreach (var (ports, ready, notReady) in byPorts.Values)
        {
            ready.Sort(ByIp);
            notReady.Sort(ByIp);
            var keepReady = Math.Min(ready.Count, budget);
            budget -= keepReady;
            var keepNotReady = Math.Min(notReady.Count, budget);
            budget -= keepNotReady;
            truncated |= keepReady < ready.Count || keepNotReady < notReady.Count;
            if (keepReady + keepNotReady > 0)
            {
                result.Add(new EndpointSubset { Addresses = [.. ready.Take(keepReady)], NotReadyAddresses = [.. notReady.Take(keepNotReady)], Ports = ports });
            }
        }

        return (result.ToImmutable(), truncated);
    }

    private static int ByIp(EndpointAddress a, EndpointAddress b) => string.CompareOrdinal(a.Ip, b.Ip);

    private static ImmutableSortedDictionary<string, string> Annotate(ImmutableSortedDictionary<string, string> annotations, bool truncated) =>
        truncated ? annotations.SetItem(OverCapacityAnnotation, "truncated") : annotations.Remove(OverCapacityAnnotation);

    private static bool Same(Endpoints a, Endpoints b)
    {
        if (!a.Metadata.Labels.SequenceEqual(b.Metadata.Labels) || !a.Metadata.Annotations.SequenceEqual(b.Metadata.Annotations) || a.Subsets.Length != b.Subsets.Length)
        {
            return false;
        }

        for (var i = 0; i < a.Subsets.Length; i++)
        {
            var x = a.Subsets[i];
            var y = b.Subsets[i];
            if (!x.Addresses.SequenceEqual(y.Addresses) || !x.NotReadyAddresses.SequenceEqual(y.NotReadyAddresses) || !x.Ports.SequenceEqual(y.Ports))
            {
                return false;
            }
        }

        return true;
    }

    private static void Write(ClusterState state, string ns, string name, Action write)
    {
        try
        {
            write();
        }
        catch (ApiException error)
        {
            state.ReportWarning(new ClusterWarning(new ObjectKey(ObjectKind.Service, ns, name), "FailedToUpdateEndpoint", error.Message));
        }
    }
}
