using k8s.Models;
using RoutingCore.Model;

namespace RoutingCore.Kubernetes.Mapping;

/// <summary><c>metav1.ObjectMeta</c> ⇄ <see cref="ObjectMeta"/>.</summary>
internal static class MetadataMapping
{
    /// <summary>
    /// The model's metadata. A namespaced object without a namespace lands in <c>default</c>, and a cluster-scoped one
    /// loses any namespace it names, as kube-apiserver does on create.
    /// </summary>
    public static ObjectMeta ToModel(V1ObjectMeta? meta, ObjectKind kind)
    {
        var ns = MapValues.Text(meta?.NamespaceProperty);
        if (!kind.IsNamespaced())
        {
            ns = "";
        }
        else if (ns.Length == 0)
        {
            ns = "default";
        }

        return ToModel(meta) with { Namespace = ns };
    }

    /// <summary>The model's metadata as written (pod templates have no kind to default the namespace by).</summary>
    public static ObjectMeta ToModel(V1ObjectMeta? meta) => meta is null ? new ObjectMeta() : new ObjectMeta
    {
        Name = MapValues.Text(meta.Name),
        GenerateName = MapValues.TextOrNull(meta.GenerateName),
        Namespace = MapValues.Text(meta.NamespaceProperty),
        Uid = MapValues.Text(meta.Uid),
        ResourceVersion = MapValues.Text(meta.ResourceVersion),
        Generation = meta.Generation ?? 0,
        CreationTimestamp = MapValues.Time(meta.CreationTimestamp),
        DeletionTimestamp = MapValues.Time(meta.DeletionTimestamp),
        Labels = MapValues.Map(meta.Labels),
        Annotations = MapValues.Map(meta.Annotations),
        OwnerReferences = MapValues.Array(meta.OwnerReferences, o => new OwnerReference(
            MapValues.Text(o.ApiVersion), MapValues.Text(o.Kind), MapValues.Text(o.Name), MapValues.Text(o.Uid), o.Controller ?? false)),
    };

    public static V1ObjectMeta ToKubernetes(ObjectMeta meta) => new()
    {
        Name = MapValues.TextOrNull(meta.Name),
        GenerateName = meta.GenerateName,
        NamespaceProperty = MapValues.TextOrNull(meta.Namespace),
        Uid = MapValues.TextOrNull(meta.Uid),
        ResourceVersion = MapValues.TextOrNull(meta.ResourceVersion),
        Generation = meta.Generation == 0 ? null : meta.Generation,
        CreationTimestamp = MapValues.Time(meta.CreationTimestamp),
        DeletionTimestamp = MapValues.Time(meta.DeletionTimestamp),
        Labels = MapValues.MapOrNull(meta.Labels),
        Annotations = MapValues.MapOrNull(meta.Annotations),
        OwnerReferences = MapValues.ListOrNull(meta.OwnerReferences, o => new V1OwnerReference
        {
            ApiVersion = o.ApiVersion,
            Kind = o.Kind,
            Name = o.Name,
            Uid = o.Uid,
            Controller = MapValues.TrueOrNull(o.Controller),
        }),
    };

    public static ObjectReference? ToModel(V1ObjectReference? reference) => reference is null
        ? null
        : new ObjectReference(MapValues.Text(reference.Kind), MapValues.Text(reference.NamespaceProperty), MapValues.Text(reference.Name), MapValues.Text(reference.Uid));

    public static V1ObjectReference? ToKubernetes(ObjectReference? reference) => reference is null
        ? null
        : new V1ObjectReference
        {
            Kind = MapValues.TextOrNull(reference.Kind),
            NamespaceProperty = MapValues.TextOrNull(reference.Namespace),
            Name = MapValues.TextOrNull(reference.Name),
            Uid = MapValues.TextOrNull(reference.Uid),
        };
}
