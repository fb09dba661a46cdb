using System.Collections.Immutable;
using RoutingCore.Model;

namespace RoutingCore.Validation;

/// <summary>
/// Service defaulting (spec §7.2) and, on update, the carry-over of stored values and the clearing of fields a
/// type change makes meaningless (SVC-V20, SVC-C1..C5). Runs before validation; allocates nothing.
/// </summary>
/// <remarks>
/// The steps, in upstream's order: field defaults (SVC-D1..D6, D8); on update, carry the stored clusterIP(s),
/// nodePorts (matched by port and protocol) and healthCheckNodePort into fields the update left empty, but only
/// when both the stored and the new type use them; then keep <c>clusterIP</c> and <c>clusterIPs</c> in step; then
/// clear type-dependent fields the new type no longer uses. The subtle point: a field is cleared only when the
/// update left it as stored (the client merely echoed it back). A value the client changed is kept, so that
/// validation rejects it (for example SVC-V11 for a new nodePort on a ClusterIP Service) instead of it being
/// silently dropped.
/// </remarks>
public static class ServiceDefaults
{
    /// <summary>The <c>ipFamilyPolicy</c> RoutingCore v1 assigns (SVC-D7): one address family.</summary>
    public const string SingleStack = "SingleStack";

    /// <summary>The <c>ipMode</c> given to a LoadBalancer status entry that has an IP (SVC-D8).</summary>
    public const string VipMode = "VIP";

    /// <summary>
    /// Returns <paramref name="service"/> with defaults applied and, when <paramref name="old"/> (the stored object)
    /// is given, with stored values carried over and type-dependent fields cleared.
    /// </summary>
    /// <param name="service">The Service being created or updated.</param>
    /// <param name="old">The stored Service on update; null on create.</param>
    public static Service Apply(Service service, Service? old)
    {
        ArgumentNullException.ThrowIfNull(service);
        var spec = DefaultSpec(service.Spec);
        var status = DefaultStatus(spec, service.Status);
        if (old is null)
        {
            spec = ServiceCarryOver.NormalizeClusterIPs(spec, null);
        }
        else
        {
            spec = ServiceCarryOver.PatchAllocatedValues(spec, old.Spec);
            spec = ServiceCarryOver.NormalizeClusterIPs(spec, old.Spec);
            spec = ServiceCarryOver.DropTypeDependentFields(spec, old.Spec);

            // SVC-C1/C4: leaving LoadBalancer releases the address, so the status that advertised it goes too.
            if (old.Spec.Type == ServiceTypes.LoadBalancer && spec.Type != ServiceTypes.LoadBalancer)
            {
                status = status with { LoadBalancer = new LoadBalancerStatus() };
            }
        }

        return service with { Spec = spec, Status = status };
    }

    /// <summary>
    /// SVC-D7, after allocation: for a Service that is neither ExternalName nor headless and has a
    /// <c>clusterIP</c>, fills <c>clusterIPs</c> from it when empty, sets <c>ipFamilies</c> to the families of the
    /// cluster IPs, and <c>ipFamilyPolicy</c> to <c>SingleStack</c> when unset. Any other Service is returned as is.
    /// </summary>
    public static Service FillClusterIPFamilies(Service service)
    {
        ArgumentNullException.ThrowIfNull(service);
        var spec = service.Spec;
        if (!ServiceTypeRules.NeedsClusterIP(spec) || spec.ClusterIP.Length == 0 || spec.ClusterIP == ServicePolicies.None)
        {
            return service;
        }

        var clusterIPs = spec.ClusterIPs.IsDefaultOrEmpty ? [spec.ClusterIP] : spec.ClusterIPs;
        var families = ImmutableArray.CreateBuilder<string>(clusterIPs.Length);
        foreach (var ip in clusterIPs)
        {
            if (FieldRules.Family(ip) is { } family)
            {
                families.Add(family);
            }
        }

        return service with
        {
            Spec = spec with
            {
                ClusterIPs = clusterIPs,
                IpFamilies = families.ToImmutable(),
                IpFamilyPolicy = spec.IpFamilyPolicy ?? SingleStack,
            },
        };
    }

    private static ServiceSpec DefaultSpec(ServiceSpec spec)
    {
        var type = spec.Type.Length == 0 ? ServiceTypes.ClusterIP : spec.Type; // SVC-D1
        var affinity = spec.SessionAffinity.Length == 0 ? ServicePolicies.None : spec.SessionAffinity; // SVC-D2
        var affinityConfig = affinity switch
        {
            ServicePolicies.None => null,
            ServicePolicies.ClientIP when spec.SessionAffinityConfig?.ClientIP?.TimeoutSeconds is null =>
                new SessionAffinityConfig(new ClientIPConfig(ServicePolicies.DefaultClientIPTimeoutSeconds)),
            _ => spec.SessionAffinityConfig,
        };

        var ports = spec.Ports.OrEmpty();
        var defaultedPorts = ImmutableArray.CreateBuilder<ServicePort>(ports.Length);
        foreach (var port in ports)
        {
            defaultedPorts.Add(port with // SVC-D3
            {
                Protocol = port.Protocol.Length == 0 ? "TCP" : port.Protocol,
                TargetPort = port.TargetPort.IsUnset ? IntOrString.FromNumber(port.Port) : port.TargetPort,
            });
        }

        var defaulted = spec with
        {
            Type = type,
            SessionAffinity = affinity,
            SessionAffinityConfig = affinityConfig,
            Ports = defaultedPorts.MoveToImmutable(),
        };

        return defaulted with
        {
            // SVC-D4: externally accessible is judged on the defaulted type.
            ExternalTrafficPolicy = string.IsNullOrEmpty(spec.ExternalTrafficPolicy) && ServiceTypeRules.ExternallyAccessible(defaulted)
                ? ServicePolicies.Cluster
                : spec.ExternalTrafficPolicy,

            // SVC-D5: ExternalName has no cluster IP, so it gets no internal policy.
            InternalTrafficPolicy = spec.InternalTrafficPolicy is null && type is ServiceTypes.ClusterIP or ServiceTypes.NodePort or ServiceTypes.LoadBalancer
                ? ServicePolicies.Cluster
                : spec.InternalTrafficPolicy,

            // SVC-D6
            AllocateLoadBalancerNodePorts = type == ServiceTypes.LoadBalancer ? spec.AllocateLoadBalancerNodePorts ?? true : spec.AllocateLoadBalancerNodePorts,
        };
    }

    // SVC-D8: upstream defaults ipMode only on LoadBalancer Services; on any other type the entry is invalid anyway (SVC-V21).
    private static ServiceStatus DefaultStatus(ServiceSpec spec, ServiceStatus status)
    {
        var ingress = status.LoadBalancer.Ingress.OrEmpty();
        if (spec.Type != ServiceTypes.LoadBalancer || ingress.IsEmpty)
        {
            return status;
        }

        var defaulted = ImmutableArray.CreateBuilder<LoadBalancerIngress>(ingress.Length);
        foreach (var entry in ingress)
        {
            defaulted.Add(!string.IsNullOrEmpty(entry.Ip) && entry.IpMode is null ? entry with { IpMode = VipMode } : entry);
        }

        return status with { LoadBalancer = status.LoadBalancer with { Ingress = defaulted.MoveToImmutable() } };
    }
}
