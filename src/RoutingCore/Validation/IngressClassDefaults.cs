using RoutingCore.Model;

namespace RoutingCore.Validation;

/// <summary>Defaulting of IngressClass objects, applied before validation (M-1).</summary>
public static class IngressClassDefaults
{
    /// <summary>The <c>parameters.scope</c> of cluster-wide parameters, and the default.</summary>
    public const string ClusterScope = "Cluster";

    /// <summary>The <c>parameters.scope</c> of parameters that live in a namespace.</summary>
    public const string NamespaceScope = "Namespace";

    /// <summary>Sets <c>spec.parameters.scope</c> to <c>Cluster</c> when parameters are given without a scope (ING-V21).</summary>
    /// <param name="ingressClass">The class as written.</param>
    /// <returns>The defaulted class; the same instance when nothing needed a default.</returns>
    public static IngressClass Apply(IngressClass ingressClass)
    {
        ArgumentNullException.ThrowIfNull(ingressClass);
        if (ingressClass.Spec.Parameters is { Scope: null } parameters)
        {
            return ingressClass with { Spec = ingressClass.Spec with { Parameters = parameters with { Scope = ClusterScope } } };
        }

        return ingressClass;
    }
}
