using RoutingCore.Model;

namespace RoutingCore.Validation;

/// <summary>
/// Validation of any stored kind, as kube-apiserver runs it after defaulting (M-1): every problem, in the spec's order
/// (ERR-1). An empty list means the object is valid. Useful on its own to lint objects without storing them.
/// </summary>
public static class ObjectValidation
{
    /// <summary>Validates an object being created.</summary>
    public static List<FieldError> ValidateCreate(KubeObject obj, ValidationOptions options) => obj switch
    {
        Service service => ServiceValidation.ValidateCreate(service, options),
        Ingress ingress => IngressValidation.ValidateCreate(ingress, options),
        IngressClass ingressClass => IngressClassValidation.ValidateCreate(ingressClass, options),
        Pod pod => PodValidation.ValidateCreate(pod, options),
        EndpointSlice slice => EndpointSliceValidation.ValidateCreate(slice, options),
        Endpoints endpoints => EndpointsValidation.ValidateCreate(endpoints, options),
        Secret secret => SecretValidation.ValidateCreate(secret, options),
        ConfigMap configMap => ConfigMapValidation.ValidateCreate(configMap, options),
        Namespace ns => NamespaceValidation.ValidateCreate(ns, options),
        Node node => NodeValidation.ValidateCreate(node, options),
        Deployment deployment => DeploymentValidation.ValidateCreate(deployment, options),
        _ => throw new ArgumentException($"Unknown kind {obj?.GetType().Name}.", nameof(obj)),
    };

    /// <summary>Validates an update of <paramref name="old"/> to <paramref name="obj"/>.</summary>
    public static List<FieldError> ValidateUpdate(KubeObject obj, KubeObject old, ValidationOptions options) => (obj, old) switch
    {
        (Service s, Service o) => ServiceValidation.ValidateUpdate(s, o, options),
        (Ingress s, Ingress o) => IngressValidation.ValidateUpdate(s, o, options),
        (IngressClass s, IngressClass o) => IngressClassValidation.ValidateUpdate(s, o, options),
        (Pod s, Pod o) => PodValidation.ValidateUpdate(s, o, options),
        (EndpointSlice s, EndpointSlice o) => EndpointSliceValidation.ValidateUpdate(s, o, options),
        (Endpoints s, Endpoints o) => EndpointsValidation.ValidateUpdate(s, o, options),
        (Secret s, Secret o) => SecretValidation.ValidateUpdate(s, o, options),
        (ConfigMap s, ConfigMap o) => ConfigMapValidation.ValidateUpdate(s, o, options),
        (Namespace s, Namespace o) => NamespaceValidation.ValidateUpdate(s, o, options),
        (Node s, Node o) => NodeValidation.ValidateUpdate(s, o, options),
        (Deployment s, Deployment o) => DeploymentValidation.ValidateUpdate(s, o, options),
        _ => throw new ArgumentException($"Cannot update a {old?.Kind} with a {obj?.Kind}.", nameof(obj)),
    };

    /// <summary>Validates a status update of <paramref name="old"/> to <paramref name="obj"/> (Service, Ingress, Pod, Deployment).</summary>
    public static List<FieldError> ValidateStatusUpdate(KubeObject obj, KubeObject old, ValidationOptions options) => (obj, old) switch
    {
        (Service s, Service o) => ServiceValidation.ValidateStatusUpdate(s, o, options),
        (Ingress s, Ingress o) => IngressValidation.ValidateStatusUpdate(s, o, options),
        (Pod s, Pod o) => PodValidation.ValidateStatusUpdate(s, o, options),
        (Deployment s, Deployment o) => DeploymentValidation.ValidateStatusUpdate(s, o, options),
        _ => throw new ArgumentException($"{obj?.Kind} has no status.", nameof(obj)),
    };
}
