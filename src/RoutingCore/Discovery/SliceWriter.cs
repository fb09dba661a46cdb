using System.Collections.Immutable;
using RoutingCore.Model;
using RoutingCore.State;

namespace RoutingCore.Discovery;

/// <summary>
/// Writes a Service's desired slices over its existing managed slices with as few writes as possible: each desired
/// slice reuses the existing slice with the same port list that shares the most endpoints with it, and is written only
/// if its content differs;
/// missing slices are created from <c>generateName: &lt;service&gt;-</c>; left-over slices are deleted (EPS-C6, C7, C9).
/// </summary>
internal static class SliceWriter
{
    public static void Apply(ClusterState state, Service? service, List<DesiredSlice> desired, List<EndpointSlice> existing)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        if (service is not null)
        {
            var labels = LabelsFor(service);
            OwnerReference[] owner = [new OwnerReference("v1", "Service", service.Metadata.Name, service.Metadata.Uid, Controller: true)];
            foreach (var slice in desired)
            {
                if (PickExisting(slice, existing, used) is { } current)
                {
                    used.Add(current.Metadata.Name);
                    var next = current with
                    {
                        Metadata = current.Metadata with { Labels = labels, OwnerReferences = [.. owner] },
                        Ports = slice.Ports,
                        Endpoints = slice.Endpoints,
                    };
                    if (!SameContent(current, next))
                    {
                        Write(state, service, () => state.Update(next));
                    }
                }
                else
                {
                    var created = new EndpointSlice
                    {
                        Metadata = new ObjectMeta
                        {
                            GenerateName = service.Metadata.Name + "-",
                            Namespace = service.Metadata.Namespace,
                            Labels = labels,
                            OwnerReferences = [.. owner],
                        },
                        AddressType = slice.AddressType,
                        Ports = slice.Ports,
                        Endpoints = slice.Endpoints,
                    };
                    Write(state, service, () => state.Create(created));
                }
            }
        }

        foreach (var stale in existing)
        {
            if (!used.Contains(stale.Metadata.Name))
            {
                Write(state, service, () => state.Delete<EndpointSlice>(stale.Metadata.Namespace, stale.Metadata.Name));
            }
        }
    }

    /// <summary>
    /// The unused existing slice with the same address type and port list that already holds the most of
    /// <paramref name="slice"/>'s endpoints (ties: lowest name), so that a change rewrites only the slice it concerns.
    /// </summary>
    private static EndpointSlice? PickExisting(DesiredSlice slice, List<EndpointSlice> existing, HashSet<string> used)
    {
        var wanted = slice.Endpoints.Select(e => e.Addresses[0]).ToHashSet(StringComparer.Ordinal);
        EndpointSlice? best = null;
        var bestShared = -1;
        foreach (var candidate in existing)
        {
            if (used.Contains(candidate.Metadata.Name) || candidate.AddressType != slice.AddressType || SliceDesign.PortKey(candidate.Ports) != slice.PortKey)
            {
                continue;
            }

            var shared = candidate.Endpoints.Count(e => e.Addresses.Length > 0 && wanted.Contains(e.Addresses[0]));
            if (shared > bestShared || (shared == bestShared && string.CompareOrdinal(candidate.Metadata.Name, best!.Metadata.Name) < 0))
            {
                best = candidate;
                bestShared = shared;
            }
        }

        return best;
    }

    /// <summary>EPS-C6: the Service's own labels plus service-name, managed-by and (headless) the headless marker.</summary>
    private static ImmutableSortedDictionary<string, string> LabelsFor(Service service)
    {
        var labels = service.Metadata.Labels
            .SetItem(EndpointSlice.ServiceNameLabel, service.Metadata.Name)
            .SetItem(EndpointSlice.ManagedByLabel, EndpointSlice.ControllerName);
        return service.Spec.ClusterIP == ServicePolicies.None
            ? labels.SetItem(EndpointSlice.HeadlessLabel, "")
            : labels.Remove(EndpointSlice.HeadlessLabel);
    }

    private static bool SameContent(EndpointSlice a, EndpointSlice b)
    {
        if (a.AddressType != b.AddressType || !a.Ports.SequenceEqual(b.Ports) || a.Endpoints.Length != b.Endpoints.Length
            || !a.Metadata.Labels.SequenceEqual(b.Metadata.Labels) || !a.Metadata.OwnerReferences.SequenceEqual(b.Metadata.OwnerReferences))
        {
            return false;
        }

        for (var i = 0; i < a.Endpoints.Length; i++)
        {
            var x = a.Endpoints[i];
            var y = b.Endpoints[i];
            if (!x.Addresses.SequenceEqual(y.Addresses) || x.Conditions != y.Conditions || x.Hostname != y.Hostname
                || x.NodeName != y.NodeName || x.Zone != y.Zone || x.TargetRef != y.TargetRef)
            {
                return false;
            }
        }

        return true;
    }

    private static void Write(ClusterState state, Service? service, Action write)
    {
        try
        {
            write();
        }
        catch (ApiException error)
        {
            var key = service is null ? new ObjectKey(ObjectKind.Service, error.ObjectNamespace, error.ObjectName) : ObjectKey.Of(service);
            state.ReportWarning(new ClusterWarning(key, "FailedToUpdateEndpointSlices", error.Message));
        }
    }
}
