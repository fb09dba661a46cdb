namespace RoutingCore.Model;

/// <summary>The kinds of object the <see cref="State.ClusterState"/> stores.</summary>
public enum ObjectKind
{
    /// <summary>core/v1 Namespace (cluster-scoped).</summary>
    Namespace,
    /// <summary>core/v1 Node (cluster-scoped).</summary>
    Node,
    /// <summary>networking.k8s.io/v1 IngressClass (cluster-scoped).</summary>
    IngressClass,
    /// <summary>core/v1 ConfigMap.</summary>
    ConfigMap,
    /// <summary>core/v1 Secret.</summary>
    Secret,
    /// <summary>core/v1 Service.</summary>
    Service,
    /// <summary>core/v1 Pod.</summary>
    Pod,
    /// <summary>core/v1 Endpoints (legacy).</summary>
    Endpoints,
    /// <summary>discovery.k8s.io/v1 EndpointSlice.</summary>
    EndpointSlice,
    /// <summary>networking.k8s.io/v1 Ingress.</summary>
    Ingress,
    /// <summary>apps/v1 Deployment.</summary>
    Deployment,
}

/// <summary>Facts about each <see cref="ObjectKind"/>: API names used in error messages (ERR-4, ERR-5) and scope (NS-1).</summary>
public static class ObjectKinds
{
    /// <summary>Every kind, in the order a batch applies them (namespaces and classes before the objects that refer to them).</summary>
    public static ReadOnlySpan<ObjectKind> All =>
    [
        ObjectKind.Namespace, ObjectKind.Node, ObjectKind.IngressClass, ObjectKind.ConfigMap, ObjectKind.Secret,
        ObjectKind.Service, ObjectKind.Pod, ObjectKind.Endpoints, ObjectKind.EndpointSlice, ObjectKind.Ingress, ObjectKind.Deployment,
    ];

    /// <summary>True for the kinds that live in a namespace (NS-1).</summary>
    public static bool IsNamespaced(this ObjectKind kind) =>
        kind is not (ObjectKind.Namespace or ObjectKind.Node or ObjectKind.IngressClass);

    /// <summary>The qualified kind used in "is invalid" messages: <c>Service</c>, <c>Ingress.networking.k8s.io</c> (ERR-4).</summary>
    public static string QualifiedKind(this ObjectKind kind) => kind switch
    {
        ObjectKind.Ingress => "Ingress.networking.k8s.io",
        ObjectKind.IngressClass => "IngressClass.networking.k8s.io",
        ObjectKind.EndpointSlice => "EndpointSlice.discovery.k8s.io",
        ObjectKind.Deployment => "Deployment.apps",
        _ => kind.ToString(),
    };

    /// <summary>The qualified lower-case plural resource used in NotFound and AlreadyExists messages: <c>services</c>, <c>ingresses.networking.k8s.io</c> (ERR-5).</summary>
    public static string Resource(this ObjectKind kind) => kind switch
    {
        ObjectKind.Namespace => "namespaces",
        ObjectKind.Node => "nodes",
        ObjectKind.IngressClass => "ingressclasses.networking.k8s.io",
        ObjectKind.ConfigMap => "configmaps",
        ObjectKind.Secret => "secrets",
        ObjectKind.Service => "services",
        ObjectKind.Pod => "pods",
        ObjectKind.Endpoints => "endpoints",
        ObjectKind.EndpointSlice => "endpointslices.discovery.k8s.io",
        ObjectKind.Ingress => "ingresses.networking.k8s.io",
        ObjectKind.Deployment => "deployments.apps",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The API version of the kind, as written in manifests (<c>v1</c>, <c>networking.k8s.io/v1</c>).</summary>
    public static string ApiVersion(this ObjectKind kind) => kind switch
    {
        ObjectKind.Ingress or ObjectKind.IngressClass => "networking.k8s.io/v1",
        ObjectKind.EndpointSlice => "discovery.k8s.io/v1",
        ObjectKind.Deployment => "apps/v1",
        _ => "v1",
    };
}
