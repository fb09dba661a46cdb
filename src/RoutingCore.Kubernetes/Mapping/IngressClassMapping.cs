using k8s.Models;
using RoutingCore.Model;

namespace RoutingCore.Kubernetes.Mapping;

/// <summary>networking.k8s.io/v1 IngressClass.</summary>
internal sealed class IngressClassMapping : KindMapping<V1IngressClass, IngressClass>
{
    public override ObjectKind Kind => ObjectKind.IngressClass;

    protected override IngressClass Map(V1IngressClass api) => new()
    {
        Spec = new IngressClassSpec
        {
            Controller = MapValues.Text(api.Spec?.Controller),
            Parameters = api.Spec?.Parameters is { } p
                ? new IngressClassParameters
                {
                    ApiGroup = p.ApiGroup,
                    Kind = MapValues.Text(p.Kind),
                    Name = MapValues.Text(p.Name),
                    Scope = p.Scope,
                    Namespace = p.NamespaceProperty,
                }
                : null,
        },
    };

    protected override V1IngressClass Map(IngressClass model) => new()
    {
        Spec = new V1IngressClassSpec
        {
            Controller = MapValues.TextOrNull(model.Spec.Controller),
            Parameters = model.Spec.Parameters is { } p
                ? new V1IngressClassParametersReference
                {
                    ApiGroup = p.ApiGroup,
                    Kind = p.Kind,
                    Name = p.Name,
                    Scope = p.Scope,
                    NamespaceProperty = p.Namespace,
                }
                : null,
        },
    };
}
