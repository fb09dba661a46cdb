using RoutingCore.Validation;

namespace RoutingCore.State;

/// <summary>Configuration of a <see cref="ClusterState"/>: address plans, clocks, randomness and the built-in controllers.</summary>
public sealed record ClusterStateOptions
{
    /// <summary>The clock for creation and deletion timestamps and controller timing.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Seed for every random choice the store makes (generated names, uids, dynamic IP and port picks); null for a random seed.</summary>
    public int? RandomSeed { get; init; }

    /// <summary>The service CIDR ClusterIPs come from (IPA-1); <c>10.96.0.0/12</c> by default.</summary>
    public string ServiceCidr { get; init; } = "10.96.0.0/12";

    /// <summary>The first node port of the range (NPA-1); 30000 by default.</summary>
    public int NodePortMin { get; init; } = 30000;

    /// <summary>The last node port of the range, inclusive (NPA-1); 32767 by default.</summary>
    public int NodePortMax { get; init; } = 32767;

    /// <summary>The pod CIDR pod IPs are assigned from; null turns pod IP assignment off (pods keep the IPs their manifests give).</summary>
    public string? PodCidr { get; init; } = "10.244.0.0/16";

    /// <summary>LoadBalancer address pools, as CIDRs or <c>a.b.c.d-e.f.g.h</c> ranges (LBA-1); empty turns LoadBalancer allocation off.</summary>
    public IReadOnlyList<string> LoadBalancerPools { get; init; } = [];

    /// <summary>The <c>spec.loadBalancerClass</c> this store's allocator handles besides the unset class (LBA-2).</summary>
    public string? LoadBalancerClass { get; init; }

    /// <summary>Create the <c>default/kubernetes</c> Service on the first service IP (IPA-3); on by default.</summary>
    public bool BootstrapKubernetesService { get; init; } = true;

    /// <summary>What validation accepts (loopback addresses, relaxed Service names).</summary>
    public ValidationOptions Validation { get; init; } = ValidationOptions.Default;

    /// <summary>How many events a watcher may have queued before it is told to resync (see <see cref="ClusterState.Watch"/>).</summary>
    public int WatchCapacity { get; init; } = 4096;

    /// <summary>Endpoints per controller-managed EndpointSlice (EPS-C7); 100 by default, at most 1000.</summary>
    public int MaxEndpointsPerSlice { get; init; } = 100;

    /// <summary>
    /// Maintain legacy core/v1 Endpoints for Services with a selector (EP-2, optional), derived from their
    /// EndpointSlices, for tools and people that read Endpoints (<c>kubectl get endpoints</c>). Off by default: nothing
    /// in RoutingCore reads them (consumers read EndpointSlices), and the extra write per change doubles the cost of a
    /// readiness flip (benchmarks/README.md, store).
    /// </summary>
    public bool LegacyEndpoints { get; init; }
}
