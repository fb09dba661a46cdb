using k8s.Models;
using RoutingCore.Model;

namespace RoutingCore.Kubernetes.Mapping;

/// <summary>core/v1 Service, spec and status (every field of spec §7).</summary>
internal sealed class ServiceMapping : KindMapping<V1Service, Service>
{
    public override ObjectKind Kind => ObjectKind.Service;

    protected override Service Map(V1Service api)
    {
        var spec = api.Spec ?? new V1ServiceSpec();
        return new Service
        {
            Spec = new ServiceSpec
            {
                Type = MapValues.Text(spec.Type),
                Ports = MapValues.Array(spec.Ports, p => new ServicePort
                {
                    Name = MapValues.Text(p.Name),
                    Protocol = MapValues.Text(p.Protocol),
                    AppProtocol = p.AppProtocol,
                    Port = p.Port,
                    TargetPort = MapValues.ToIntOrString(p.TargetPort),
                    NodePort = p.NodePort ?? 0,
                }),
                Selector = MapValues.Map(spec.Selector),
                ClusterIP = MapValues.Text(spec.ClusterIP),
                ClusterIPs = MapValues.Strings(spec.ClusterIPs),
                IpFamilies = MapValues.Strings(spec.IpFamilies),
                IpFamilyPolicy = spec.IpFamilyPolicy,
                ExternalIPs = MapValues.Strings(spec.ExternalIPs),
                SessionAffinity = MapValues.Text(spec.SessionAffinity),
                SessionAffinityConfig = spec.SessionAffinityConfig is { } affinity
                    ? new SessionAffinityConfig(affinity.ClientIP is { } clientIP ? new ClientIPConfig(clientIP.TimeoutSeconds) : null)
                    : null,
                LoadBalancerIP = spec.LoadBalancerIP,
                LoadBalancerSourceRanges = MapValues.Strings(spec.LoadBalancerSourceRanges),
                ExternalName = spec.ExternalName,
                ExternalTrafficPolicy = spec.ExternalTrafficPolicy,
                InternalTrafficPolicy = spec.InternalTrafficPolicy,
                HealthCheckNodePort = spec.HealthCheckNodePort ?? 0,
                PublishNotReadyAddresses = spec.PublishNotReadyAddresses ?? false,
                AllocateLoadBalancerNodePorts = spec.AllocateLoadBalancerNodePorts,
                LoadBalancerClass = spec.LoadBalancerClass,
                TrafficDistribution = spec.TrafficDistribution,
            },
            Status = new ServiceStatus { LoadBalancer = LoadBalancerMapping.ToModel(api.Status?.LoadBalancer?.Ingress) },
        };
    }

    protected override V1Service Map(Service model)
    {
        var spec = model.Spec;
        return new V1Service
        {
            Spec = new V1ServiceSpec
            {
                Type = MapValues.TextOrNull(spec.Type),
                Ports = MapValues.ListOrNull(spec.Ports, p => new V1ServicePort
                {
                    Name = MapValues.TextOrNull(p.Name),
                    Protocol = MapValues.TextOrNull(p.Protocol),
                    AppProtocol = p.AppProtocol,
                    Port = p.Port,
                    TargetPort = MapValues.IntOrStringOrNull(p.TargetPort),
                    NodePort = MapValues.NumberOrNull(p.NodePort),
                }),
                Selector = MapValues.MapOrNull(spec.Selector),
                ClusterIP = MapValues.TextOrNull(spec.ClusterIP),
                ClusterIPs = MapValues.StringsOrNull(spec.ClusterIPs),
                IpFamilies = MapValues.StringsOrNull(spec.IpFamilies),
                IpFamilyPolicy = spec.IpFamilyPolicy,
                ExternalIPs = MapValues.StringsOrNull(spec.ExternalIPs),
                SessionAffinity = MapValues.TextOrNull(spec.SessionAffinity),
                SessionAffinityConfig = spec.SessionAffinityConfig is { } affinity
                    ? new V1SessionAffinityConfig { ClientIP = affinity.ClientIP is { } clientIP ? new V1ClientIPConfig { TimeoutSeconds = clientIP.TimeoutSeconds } : null }
                    : null,
                LoadBalancerIP = spec.LoadBalancerIP,
                LoadBalancerSourceRanges = MapValues.StringsOrNull(spec.LoadBalancerSourceRanges),
                ExternalName = spec.ExternalName,
                ExternalTrafficPolicy = spec.ExternalTrafficPolicy,
                InternalTrafficPolicy = spec.InternalTrafficPolicy,
                HealthCheckNodePort = MapValues.NumberOrNull(spec.HealthCheckNodePort),
                PublishNotReadyAddresses = MapValues.TrueOrNull(spec.PublishNotReadyAddresses),
                AllocateLoadBalancerNodePorts = spec.AllocateLoadBalancerNodePorts,
                LoadBalancerClass = spec.LoadBalancerClass,
                TrafficDistribution = spec.TrafficDistribution,
            },
            Status = new V1ServiceStatus
            {
                LoadBalancer = new V1LoadBalancerStatus { Ingress = LoadBalancerMapping.ToServiceIngress(model.Status.LoadBalancer) },
            },
        };
    }
}
