using k8s;
using k8s.Models;
using RoutingCore.Model;

namespace RoutingCore.Kubernetes.Mapping;

/// <summary>
/// The mapping of one kind between the KubernetesClient model (field names and types exactly the API's) and the core
/// model, in both directions: API → model for manifests and a live watch, model → API for <c>-o yaml</c> output.
/// </summary>
internal abstract class KindMapping
{
    /// <summary>The kind mapped.</summary>
    public abstract ObjectKind Kind { get; }

    /// <summary>The KubernetesClient type of the kind.</summary>
    public abstract Type KubernetesType { get; }

    /// <summary>The API's object as the core model.</summary>
    public abstract KubeObject ToModel(IKubernetesObject obj);

    /// <summary>The core model's object in API shape, with apiVersion and kind set.</summary>
    public abstract IKubernetesObject<V1ObjectMeta> ToKubernetes(KubeObject obj);

    /// <summary>Reads one YAML (or JSON) document as the KubernetesClient type, through <see cref="KubernetesYaml"/>.</summary>
    public abstract IKubernetesObject Deserialize(string yaml, bool strict);
}

/// <summary>A <see cref="KindMapping"/> over concrete types; the base maps metadata, apiVersion and kind.</summary>
/// <typeparam name="TApi">The KubernetesClient type.</typeparam>
/// <typeparam name="TModel">The core model type.</typeparam>
internal abstract class KindMapping<TApi, TModel> : KindMapping
    where TApi : class, IKubernetesObject<V1ObjectMeta>, new()
    where TModel : KubeObject
{
    public override Type KubernetesType => typeof(TApi);

    public override KubeObject ToModel(IKubernetesObject obj)
    {
        var api = (TApi)obj;
        return Map(api).WithMetadata(MetadataMapping.ToModel(api.Metadata, Kind));
    }

    public override IKubernetesObject<V1ObjectMeta> ToKubernetes(KubeObject obj)
    {
        var model = (TModel)obj;
        var api = Map(model);
        api.ApiVersion = Kind.ApiVersion();
        api.Kind = Kind.ToString();
        api.Metadata = MetadataMapping.ToKubernetes(model.Metadata);
        return api;
    }

    public override IKubernetesObject Deserialize(string yaml, bool strict) => KubernetesYaml.Deserialize<TApi>(yaml, strict);

    /// <summary>Everything but metadata, API → model.</summary>
    protected abstract TModel Map(TApi api);

    /// <summary>Everything but metadata, apiVersion and kind, model → API.</summary>
    protected abstract TApi Map(TModel model);
}
