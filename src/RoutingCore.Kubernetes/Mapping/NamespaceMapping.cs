using k8s.Models;
using RoutingCore.Model;

namespace RoutingCore.Kubernetes.Mapping;

/// <summary>core/v1 Namespace. The model has no phase: a stored namespace is shown <c>Active</c>.</summary>
internal sealed class NamespaceMapping : KindMapping<V1Namespace, Namespace>
{
    public override ObjectKind Kind => ObjectKind.Namespace;

    protected override Namespace Map(V1Namespace api) => new();

    protected override V1Namespace Map(Namespace model) => new()
    {
        Spec = new V1NamespaceSpec { Finalizers = ["kubernetes"] },
        Status = new V1NamespaceStatus { Phase = model.Metadata.DeletionTimestamp is null ? "Active" : "Terminating" },
    };
}
