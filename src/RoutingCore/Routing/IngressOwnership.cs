using RoutingCore.Model;

namespace RoutingCore.Routing;

/// <summary>Whether this controller serves an Ingress, and why (CLS-2).</summary>
/// <param name="IsOurs">True when the controller serves the Ingress.</param>
/// <param name="Reason">Why, in words, for lint and explain.</param>
public readonly record struct IngressOwnership(bool IsOurs, string Reason)
{
    /// <summary>
    /// CLS-2, in order: <c>spec.ingressClassName</c> decides when set (the class must exist and name our controller);
    /// else the legacy annotation must equal our legacy class name; else only <see cref="IngressControllerOptions.WatchIngressWithoutClass"/>.
    /// </summary>
    public static IngressOwnership Of(Ingress ingress, Func<string, IngressClass?> findClass, IngressControllerOptions options)
    {
        ArgumentNullException.ThrowIfNull(ingress);
        ArgumentNullException.ThrowIfNull(findClass);
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrEmpty(ingress.Spec.IngressClassName))
        {
            var name = ingress.Spec.IngressClassName;
            return findClass(name) switch
            {
                null => new(false, $"IngressClass \"{name}\" does not exist"),
                { Spec.Controller: var controller } when controller == options.ControllerName => new(true, $"IngressClass \"{name}\" names controller {controller}"),
                { Spec.Controller: var controller } => new(false, $"IngressClass \"{name}\" belongs to controller {controller}, not {options.ControllerName}"),
            };
        }

        if (ingress.Metadata.Annotations.TryGetValue(Ingress.ClassAnnotation, out var legacy))
        {
            return legacy == options.LegacyClassName
                ? new(true, $"annotation {Ingress.ClassAnnotation}={legacy}")
                : new(false, $"annotation {Ingress.ClassAnnotation}={legacy} is not \"{options.LegacyClassName}\"");
        }

        return options.WatchIngressWithoutClass
            ? new(true, "no class, and the controller watches Ingresses without a class")
            : new(false, "no class, and the controller does not watch Ingresses without a class");
    }
}
