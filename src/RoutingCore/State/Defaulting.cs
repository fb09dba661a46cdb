using RoutingCore.Model;
using RoutingCore.Validation;

namespace RoutingCore.State;

/// <summary>The defaulting step of M-1, per kind (SVC-D*, POD-2, EP-1, SEC-2, ING-V21).</summary>
internal static class Defaulting
{
    public static KubeObject Apply(KubeObject obj, KubeObject? old) => obj switch
    {
        Service service => ServiceDefaults.Apply(service, old as Service),
        Pod pod => PodDefaults.Apply(pod),
        EndpointSlice slice => slice with { Ports = [.. slice.Ports.Select(p => p.Protocol.Length == 0 ? p with { Protocol = "TCP" } : p)] },
        Endpoints endpoints => EndpointsDefaults.Apply(endpoints),
        Secret secret => SecretDefaults.Apply(secret),
        IngressClass ingressClass => IngressClassDefaults.Apply(ingressClass),
        _ => obj,
    };

    /// <summary>Status defaulting on a status update (SVC-D8: a LoadBalancer ingress IP without ipMode gets VIP).</summary>
    public static KubeObject ApplyStatus(KubeObject obj) =>
        obj is Service service && service.Status.LoadBalancer.Ingress.Any(i => i.Ip is not null && i.IpMode is null)
            ? service with
            {
                Status = service.Status with
                {
                    LoadBalancer = new()
                    {
                        Ingress = [.. service.Status.LoadBalancer.Ingress.Select(i => i.Ip is not null && i.IpMode is null ? i with { IpMode = "VIP" } : i)],
                    },
                },
            }
            : obj;
}
