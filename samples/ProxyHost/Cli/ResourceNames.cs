using RoutingCore.Model;

namespace RoutingCore.ProxyHost.Cli;

/// <summary>kubectl's resource names and short names for the kinds the host stores.</summary>
internal static class ResourceNames
{
    private static readonly Dictionary<string, ObjectKind> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["pods"] = ObjectKind.Pod, ["pod"] = ObjectKind.Pod, ["po"] = ObjectKind.Pod,
        ["services"] = ObjectKind.Service, ["service"] = ObjectKind.Service, ["svc"] = ObjectKind.Service,
        ["endpoints"] = ObjectKind.Endpoints, ["ep"] = ObjectKind.Endpoints,
        ["endpointslices"] = ObjectKind.EndpointSlice, ["endpointslice"] = ObjectKind.EndpointSlice,
        ["ingresses"] = ObjectKind.Ingress, ["ingress"] = ObjectKind.Ingress, ["ing"] = ObjectKind.Ingress,
        ["ingressclasses"] = ObjectKind.IngressClass, ["ingressclass"] = ObjectKind.IngressClass,
        ["deployments"] = ObjectKind.Deployment, ["deployment"] = ObjectKind.Deployment, ["deploy"] = ObjectKind.Deployment,
        ["namespaces"] = ObjectKind.Namespace, ["namespace"] = ObjectKind.Namespace, ["ns"] = ObjectKind.Namespace,
        ["configmaps"] = ObjectKind.ConfigMap, ["configmap"] = ObjectKind.ConfigMap, ["cm"] = ObjectKind.ConfigMap,
        ["secrets"] = ObjectKind.Secret, ["secret"] = ObjectKind.Secret,
        ["nodes"] = ObjectKind.Node, ["node"] = ObjectKind.Node, ["no"] = ObjectKind.Node,
    };

    public static bool TryParse(string name, out ObjectKind kind)
    {
        // kubectl accepts fully qualified names such as ingresses.networking.k8s.io.
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        return Kinds.TryGetValue(dot > 0 ? name[..dot] : name, out kind);
    }

    public static string Known => "pods (po), services (svc), endpoints (ep), endpointslices, ingresses (ing), ingressclasses, deployments (deploy), namespaces (ns), configmaps (cm), secrets, nodes (no)";
}
