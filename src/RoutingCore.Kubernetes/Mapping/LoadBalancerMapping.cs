using k8s.Models;
using RoutingCore.Model;

namespace RoutingCore.Kubernetes.Mapping;

/// <summary>
/// Load-balancer status. The model shares one type between Service and Ingress; the API has two
/// (<c>LoadBalancerIngress</c> with <c>ipMode</c>, <c>IngressLoadBalancerIngress</c> without).
/// </summary>
internal static class LoadBalancerMapping
{
    public static LoadBalancerStatus ToModel(IList<V1LoadBalancerIngress>? ingress) => new()
    {
        Ingress = MapValues.Array(ingress, i => new LoadBalancerIngress
        {
            Ip = i.Ip,
            Hostname = i.Hostname,
            IpMode = i.IpMode,
            Ports = MapValues.Array(i.Ports, p => new PortStatus(p.Port, MapValues.Text(p.Protocol), p.Error)),
        }),
    };

    public static LoadBalancerStatus ToModel(IList<V1IngressLoadBalancerIngress>? ingress) => new()
    {
        Ingress = MapValues.Array(ingress, i => new LoadBalancerIngress
        {
            Ip = i.Ip,
            Hostname = i.Hostname,
            Ports = MapValues.Array(i.Ports, p => new PortStatus(p.Port, MapValues.Text(p.Protocol), p.Error)),
        }),
    };

    public static List<V1LoadBalancerIngress>? ToServiceIngress(LoadBalancerStatus status) =>
        MapValues.ListOrNull(status.Ingress, i => new V1LoadBalancerIngress
        {
            Ip = i.Ip,
            Hostname = i.Hostname,
            IpMode = i.IpMode,
            Ports = MapValues.ListOrNull(i.Ports, p => new V1PortStatus { Port = p.Port, Protocol = p.Protocol, Error = p.Error }),
        });

    public static List<V1IngressLoadBalancerIngress>? ToIngressIngress(LoadBalancerStatus status) =>
        MapValues.ListOrNull(status.Ingress, i => new V1IngressLoadBalancerIngress
        {
            Ip = i.Ip,
            Hostname = i.Hostname,
            Ports = MapValues.ListOrNull(i.Ports, p => new V1IngressPortStatus { Port = p.Port, Protocol = p.Protocol, Error = p.Error }),
        });
}
