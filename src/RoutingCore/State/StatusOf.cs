using RoutingCore.Model;

namespace RoutingCore.State;

/// <summary>The status subresource of the kinds that have one (Service, Ingress, Pod, Deployment).</summary>
internal static class StatusOf
{
    public static bool HasStatus(ObjectKind kind) => kind is ObjectKind.Service or ObjectKind.Ingress or ObjectKind.Pod or ObjectKind.Deployment;

    /// <summary><paramref name="target"/> with the status of <paramref name="from"/> (same kind); other kinds unchanged.</summary>
    public static KubeObject CopyStatus(KubeObject target, KubeObject from) => (target, from) switch
    {
        (Service t, Service f) => t with { Status = f.Status },
        (Ingress t, Ingress f) => t with { Status = f.Status },
        (Pod t, Pod f) => t with { Status = f.Status },
        (Deployment t, Deployment f) => t with { Status = f.Status },
        _ => target,
    };
}
