using System.Net;
using RoutingCore.Model;
using RoutingCore.State;
using RoutingCore.Validation;

namespace RoutingCore.Allocation;

/// <summary>
/// The LoadBalancer allocator (§9.3): gives each LoadBalancer Service of a handled class one address from the pools
/// and writes it to <c>status.loadBalancer</c>; releases it (and clears the status) when the Service goes away,
/// changes type or changes to a class this store does not handle.
/// </summary>
/// <remarks>
/// A Service that cannot get an address (exhausted pools, a requested address that is taken or outside every pool)
/// stays pending with an <c>AllocationFailed</c> warning, and is retried — oldest Service first — whenever an address
/// is released (LBA-5).
/// </remarks>
internal sealed class LoadBalancerController : IClusterController
{
    /// <summary>RoutingCore's annotation requesting specific addresses (the first one is used in v1).</summary>
    public const string RequestedIPsAnnotation = "routingcore.io/load-balancer-ips";

    private readonly LoadBalancerPool? _pool;
    private readonly string? _loadBalancerClass;
    private readonly Dictionary<(string Namespace, string Name), IPAddress> _assigned = [];
    private readonly HashSet<(string Namespace, string Name)> _pending = [];

    public LoadBalancerController(IReadOnlyList<string> pools, string? loadBalancerClass)
    {
        _pool = pools.Count == 0 ? null : new LoadBalancerPool(pools);
        _loadBalancerClass = loadBalancerClass;
    }

    public void Reconcile(ClusterState state, IReadOnlyList<WatchEvent> changes)
    {
        var touched = new SortedSet<(string, string)>();
        foreach (var change in changes)
        {
            if (change.Object is Service service)
            {
                touched.Add((service.Metadata.Namespace, service.Metadata.Name));
                WarnOnExternalIPOverlap(state, change, service);
            }
        }

        var released = false;
        foreach (var key in touched)
        {
            released |= SyncService(state, key);
        }

        if (released && _pending.Count > 0)
        {
            RetryPending(state);
        }
    }

    /// <summary>Brings one Service's address in line; true when an address was released.</summary>
    private bool SyncService(ClusterState state, (string Namespace, string Name) key)
    {
        var service = state.Get<Service>(key.Namespace, key.Name);
        var held = _assigned.GetValueOrDefault(key);
        if (service is null || !Handles(service))
        {
            _pending.Remove(key);
            if (held is null)
            {
                return false;
            }

            Release(key, held);
            if (service is not null && service.Status.LoadBalancer.Ingress.Length > 0)
            {
                state.UpdateStatus(service with { Status = new ServiceStatus() });
            }

            return true;
        }

        var requested = RequestedAddress(service);
        if (held is not null && (requested is null || requested.Equals(held)))
        {
            WriteStatus(state, service, held);
            return false;
        }

        var released = false;
        if (held is not null)
        {
            Release(key, held);
            released = true;
        }

        TryAssign(state, service, key, requested);
        return released;
    }

    private void TryAssign(ClusterState state, Service service, (string Namespace, string Name) key, IPAddress? requested)
    {
        var result = _pool!.Allocate(requested);
        if (result.IsSuccess)
        {
            _pending.Remove(key);
            _assigned[key] = result.Value!;
            WriteStatus(state, service, result.Value!);
            return;
        }

        if (_pending.Add(key))
        {
            var reason = requested is null
                ? "no address is free in the LoadBalancer pools"
                : $"requested address {requested} cannot be allocated: {result.Message}";
            state.ReportWarning(new ClusterWarning(ObjectKey.Of(service), "AllocationFailed", $"Service {key.Namespace}/{key.Name} stays pending: {reason}"));
        }

        if (service.Status.LoadBalancer.Ingress.Length > 0)
        {
            state.UpdateStatus(service with { Status = new ServiceStatus() });
        }
    }

    /// <summary>LBA-5: waiting Services get freed addresses, oldest first.</summary>
    private void RetryPending(ClusterState state)
    {
        var waiting = _pending
            .Select(key => state.Get<Service>(key.Namespace, key.Name))
            .OfType<Service>()
            .OrderBy(s => s.Metadata.CreationTimestamp)
            .ThenBy(s => s.Metadata.Namespace, StringComparer.Ordinal)
            .ThenBy(s => s.Metadata.Name, StringComparer.Ordinal)
            .ToList();
        foreach (var service in waiting)
        {
            TryAssign(state, service, (service.Metadata.Namespace, service.Metadata.Name), RequestedAddress(service));
        }
    }

    /// <summary>LBA-2: LoadBalancer Services with no class or this store's class, when pools are configured.</summary>
    private bool Handles(Service service) =>
        _pool is not null && service.Spec.Type == ServiceTypes.LoadBalancer
        && (service.Spec.LoadBalancerClass is null || service.Spec.LoadBalancerClass == _loadBalancerClass);

    /// <summary>LBA-4: the annotation's first address, else the deprecated <c>spec.loadBalancerIP</c>.</summary>
    private static IPAddress? RequestedAddress(Service service)
    {
        var text = service.Metadata.Annotations.TryGetValue(RequestedIPsAnnotation, out var annotation)
            ? annotation.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()
            : service.Spec.LoadBalancerIP;
        return !string.IsNullOrEmpty(text) && IPRules.TryParse(text, out var address) ? address : null;
    }

    /// <summary>LBA-6: <c>status.loadBalancer.ingress = [{ip, ipMode: VIP}]</c>.</summary>
    private static void WriteStatus(ClusterState state, Service service, IPAddress address)
    {
        var ip = address.ToString();
        var current = service.Status.LoadBalancer.Ingress;
        if (current.Length == 1 && current[0].Ip == ip && current[0].IpMode == "VIP" && current[0].Hostname is null)
        {
            return;
        }

        state.UpdateStatus(service with
        {
            Status = new ServiceStatus { LoadBalancer = new LoadBalancerStatus { Ingress = [new LoadBalancerIngress { Ip = ip, IpMode = "VIP" }] } },
        });
    }

    private void Release((string Namespace, string Name) key, IPAddress address)
    {
        _pool!.Release(address);
        _assigned.Remove(key);
    }

    /// <summary>LBA-8: externalIPs are never allocated, but one inside a pool is worth a warning.</summary>
    private void WarnOnExternalIPOverlap(ClusterState state, WatchEvent change, Service service)
    {
        if (_pool is null || change.Type == WatchEventType.Deleted
            || (change.OldObject is Service old && old.Spec.ExternalIPs.SequenceEqual(service.Spec.ExternalIPs)))
        {
            return;
        }

        foreach (var text in service.Spec.ExternalIPs)
        {
            if (IPRules.TryParse(text, out var address) && _pool.Contains(address))
            {
                state.ReportWarning(new ClusterWarning(ObjectKey.Of(service), "ExternalIPOverlapsPool",
                    $"externalIP {text} of Service {service.Metadata.Namespace}/{service.Metadata.Name} lies inside a LoadBalancer pool"));
            }
        }
    }
}
