using k8s;
using k8s.Models;
using RoutingCore.Model;

namespace RoutingCore.Kubernetes.Mapping;

/// <summary>
/// Converts between the KubernetesClient model (<c>k8s.Models.V1Service</c>, ...: the API's field names and types) and
/// the RoutingCore model, for every kind the store holds. Manifests, a live API watch and <c>-o yaml</c> output all go
/// through here, so the mapping exists once.
/// </summary>
/// <example>
/// <code>
/// var service = (Service)KubernetesMapper.ToModel(v1Service);
/// var api = (V1Service)KubernetesMapper.ToKubernetes(state.Get&lt;Service&gt;("default", "web")!);
/// </code>
/// </example>
public static class KubernetesMapper
{
    /// <summary>True when RoutingCore stores objects of this <c>apiVersion</c> and <c>kind</c> (<c>v1</c>/<c>Service</c>, <c>apps/v1</c>/<c>Deployment</c>).</summary>
    public static bool IsSupported(string apiVersion, string kind) => KindMappings.Find(apiVersion, kind) is not null;

    /// <summary>
    /// The object in the RoutingCore model. A namespaced object without a namespace is placed in <c>default</c>;
    /// fields RoutingCore does not model are dropped.
    /// </summary>
    /// <exception cref="ArgumentException">The object's type is not one RoutingCore stores.</exception>
    public static KubeObject ToModel(IKubernetesObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return Find(obj.GetType()).ToModel(obj);
    }

    /// <summary>The object in API shape (apiVersion, kind, metadata, spec and status), ready to serialise.</summary>
    public static IKubernetesObject<V1ObjectMeta> ToKubernetes(KubeObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return KindMappings.For(obj.Kind).ToKubernetes(obj);
    }

    private static KindMapping Find(Type type)
    {
        foreach (var kind in ObjectKinds.All)
        {
            var mapping = KindMappings.For(kind);
            if (mapping.KubernetesType == type)
            {
                return mapping;
            }
        }

        throw new ArgumentException($"{type.Name} is not a kind RoutingCore stores.", nameof(type));
    }
}
