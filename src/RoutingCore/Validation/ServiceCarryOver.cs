using System.Collections.Immutable;
using RoutingCore.Model;

namespace RoutingCore.Validation;

/// <summary>
/// The update-time steps of <see cref="ServiceDefaults.Apply"/>: carry stored allocations into an update that left
/// them empty (SVC-V20), keep <c>clusterIP</c> and <c>clusterIPs</c> in step, and clear what a type change makes
/// meaningless (SVC-C1..C5). Ported from upstream's <c>patchAllocatedValues</c>, <c>normalizeClusterIPs</c> and
/// <c>dropTypeDependentFields</c>.
/// </summary>
/// <remarks>
/// Carry-over happens only when the stored type and the new type both use the field, so a type change never
/// resurrects a value the new type must not have. Clearing happens only when the new type stops using a field and
/// the update echoed the stored value unchanged; a changed value is left for validation to reject.
/// </remarks>
internal static class ServiceCarryOver
{
    /// <summary>Fills empty clusterIP(s), nodePorts and healthCheckNodePort from <paramref name="old"/>.</summary>
    public static ServiceSpec PatchAllocatedValues(ServiceSpec spec, ServiceSpec old)
    {
        if (ServiceTypeRules.NeedsClusterIP(old) && ServiceTypeRules.NeedsClusterIP(spec))
        {
            spec = spec with
            {
                ClusterIP = spec.ClusterIP.Length == 0 ? old.ClusterIP : spec.ClusterIP,
                ClusterIPs = spec.ClusterIPs.IsDefaultOrEmpty && !old.ClusterIPs.IsDefaultOrEmpty ? old.ClusterIPs : spec.ClusterIPs,
            };
        }

        if (ServiceTypeRules.NeedsNodePort(old) && ServiceTypeRules.NeedsNodePort(spec))
        {
            spec = spec with { Ports = PatchNodePorts(spec.Ports.OrEmpty(), old.Ports.OrEmpty()) };
        }

        if (ServiceTypeRules.NeedsHealthCheck(old) && ServiceTypeRules.NeedsHealthCheck(spec) && spec.HealthCheckNodePort == 0)
        {
            spec = spec with { HealthCheckNodePort = old.HealthCheckNodePort };
        }

        return spec;
    }

    /// <summary>
    /// Keeps <c>clusterIPs</c> in step with <c>clusterIP</c> for clients that only know the singular field. On
    /// update, the plural follows a singular the client changed or cleared, as long as the client left the plural as
    /// stored. Then, on create and update alike, a singular given alone becomes <c>clusterIPs = [clusterIP]</c>.
    /// </summary>
    /// <remarks>
    /// The last step is SVC-D7's first sentence. Upstream applies it on create only, which lets an update to
    /// ExternalName that changes <c>clusterIP</c> (leaving <c>clusterIPs</c> empty) slip past SVC-V4; applying it on
    /// update too makes that update fail SVC-V4 as the equivalent create does.
    /// </remarks>
    public static ServiceSpec NormalizeClusterIPs(ServiceSpec spec, ServiceSpec? old)
    {
        var clusterIPs = spec.ClusterIPs.OrEmpty();
        if (old is not null)
        {
            var oldClusterIPs = old.ClusterIPs.OrEmpty();
            if (!oldClusterIPs.IsEmpty && clusterIPs.IsEmpty && old.ClusterIP == spec.ClusterIP)
            {
                clusterIPs = oldClusterIPs;
            }

            if (old.ClusterIP != spec.ClusterIP && SameStrings(oldClusterIPs, clusterIPs))
            {
                clusterIPs = old.ClusterIP.Length > 0 && spec.ClusterIP.Length == 0 ? [] : [spec.ClusterIP];
            }
        }

        if (spec.ClusterIP.Length > 0 && clusterIPs.IsEmpty)
        {
            clusterIPs = [spec.ClusterIP];
        }

        return spec with { ClusterIPs = clusterIPs };
    }

    /// <summary>Clears the type-dependent fields the new type no longer uses, where the update left them as stored.</summary>
    public static ServiceSpec DropTypeDependentFields(ServiceSpec spec, ServiceSpec old)
    {
        if (ServiceTypeRules.NeedsClusterIP(old) && !ServiceTypeRules.NeedsClusterIP(spec)) // SVC-C2
        {
            if (old.ClusterIP == spec.ClusterIP && SameStrings(old.ClusterIPs.OrEmpty(), spec.ClusterIPs.OrEmpty()))
            {
                spec = spec with { ClusterIP = "", ClusterIPs = [] };
            }

            if (SameStrings(old.IpFamilies.OrEmpty(), spec.IpFamilies.OrEmpty()))
            {
                spec = spec with { IpFamilies = [] };
            }

            if ((old.IpFamilyPolicy ?? "") == (spec.IpFamilyPolicy ?? ""))
            {
                spec = spec with { IpFamilyPolicy = null };
            }
        }

        // SVC-C1: the client may add, remove or edit ports, as long as it brings no node port that was not stored.
        if (ServiceTypeRules.NeedsNodePort(old) && !ServiceTypeRules.NeedsNodePort(spec) && NodePortsSubset(spec.Ports.OrEmpty(), old.Ports.OrEmpty()))
        {
            spec = spec with { Ports = [.. spec.Ports.OrEmpty().Select(p => p with { NodePort = 0 })] };
        }

        // SVC-C5
        if (ServiceTypeRules.NeedsHealthCheck(old) && !ServiceTypeRules.NeedsHealthCheck(spec) && old.HealthCheckNodePort == spec.HealthCheckNodePort)
        {
            spec = spec with { HealthCheckNodePort = 0 };
        }

        if (old.Type == ServiceTypes.LoadBalancer && spec.Type != ServiceTypes.LoadBalancer)
        {
            if (spec.AllocateLoadBalancerNodePorts is { } allocate && old.AllocateLoadBalancerNodePorts == allocate)
            {
                spec = spec with { AllocateLoadBalancerNodePorts = null };
            }

            if (old.LoadBalancerClass == spec.LoadBalancerClass) // SVC-V15: cleared when leaving LoadBalancer.
            {
                spec = spec with { LoadBalancerClass = null };
            }
        }

        if (ServiceTypeRules.ExternallyAccessible(old) && !ServiceTypeRules.ExternallyAccessible(spec)
            && (old.ExternalTrafficPolicy ?? "") == (spec.ExternalTrafficPolicy ?? ""))
        {
            spec = spec with { ExternalTrafficPolicy = null };
        }

        return spec;
    }

    // A port that left nodePort empty takes the stored value of the port with the same (port, protocol), unless
    // another port of the update already claims that value for the same protocol (which SVC-V12 would reject).
    private static ImmutableArray<ServicePort> PatchNodePorts(ImmutableArray<ServicePort> ports, ImmutableArray<ServicePort> oldPorts)
    {
        var claimed = new HashSet<(string Protocol, int NodePort)>();
        foreach (var port in ports)
        {
            if (port.NodePort != 0)
            {
                claimed.Add((port.Protocol, port.NodePort));
            }
        }

        var patched = ImmutableArray.CreateBuilder<ServicePort>(ports.Length);
        foreach (var port in ports)
        {
            var stored = port.NodePort == 0 ? StoredNodePort(oldPorts, port) : 0;
            if (stored != 0 && claimed.Add((port.Protocol, stored)))
            {
                patched.Add(port with { NodePort = stored });
            }
            else
            {
                patched.Add(port);
            }
        }

        return patched.MoveToImmutable();
    }

    private static int StoredNodePort(ImmutableArray<ServicePort> oldPorts, ServicePort port)
    {
        foreach (var old in oldPorts)
        {
            if (old.Port == port.Port && old.Protocol == port.Protocol && old.NodePort != 0)
            {
                return old.NodePort;
            }
        }

        return 0;
    }

    private static bool NodePortsSubset(ImmutableArray<ServicePort> ports, ImmutableArray<ServicePort> oldPorts)
    {
        var stored = oldPorts.Where(p => p.NodePort != 0).Select(p => p.NodePort).ToHashSet();
        return ports.All(p => p.NodePort == 0 || stored.Contains(p.NodePort));
    }

    private static bool SameStrings(ImmutableArray<string> a, ImmutableArray<string> b) =>
        a.AsSpan().SequenceEqual(b.AsSpan());
}
