using RoutingCore.Model;
using RoutingCore.State;

namespace RoutingCore.Routing;

/// <summary>
/// The value a compiled route carries: which Ingress declared it (rule and path index, or its defaultBackend) and the
/// backend it leads to, already resolved. Immutable and shared by every request that takes the route.
/// </summary>
public sealed class RouteTarget
{
    internal RouteTarget(RouteTargetKind kind, ObjectKey? ingress, int ruleIndex, int pathIndex, ServiceBackend? service, TypedLocalObjectReference? resource)
    {
        Kind = kind;
        Ingress = ingress;
        RuleIndex = ruleIndex;
        PathIndex = pathIndex;
        Service = service;
        Resource = resource;
    }

    /// <summary>The controller default backend (ING-D3).</summary>
    public static RouteTarget ControllerDefault { get; } = new(RouteTargetKind.ControllerDefault, null, -1, -1, null, null);

    /// <summary>What the route leads to.</summary>
    public RouteTargetKind Kind { get; }

    /// <summary>The Ingress that declared the route; null for the controller default.</summary>
    public ObjectKey? Ingress { get; }

    /// <summary>The index in <c>spec.rules</c>; -1 for a defaultBackend.</summary>
    public int RuleIndex { get; }

    /// <summary>The index in <c>http.paths</c>; -1 for a defaultBackend.</summary>
    public int PathIndex { get; }

    /// <summary>True when the route is an Ingress's <c>spec.defaultBackend</c>.</summary>
    public bool IsDefaultBackend => Ingress is not null && RuleIndex < 0;

    /// <summary>The Service backend, for <see cref="RouteTargetKind.Service"/>.</summary>
    public ServiceBackend? Service { get; }

    /// <summary>The resource reference, for <see cref="RouteTargetKind.Resource"/> (in the Ingress's namespace).</summary>
    public TypedLocalObjectReference? Resource { get; }

    /// <summary>Where the route was declared: <c>Ingress shop/web rules[0].http.paths[1]</c> or <c>... spec.defaultBackend</c>.</summary>
    public string Origin => Ingress is not { } key
        ? "controller default backend"
        : RuleIndex < 0
            ? $"Ingress {key.Namespace}/{key.Name} spec.defaultBackend"
            : $"Ingress {key.Namespace}/{key.Name} spec.rules[{RuleIndex}].http.paths[{PathIndex}]";

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        RouteTargetKind.Service => $"{Origin} -> service {Service}",
        RouteTargetKind.Resource => $"{Origin} -> resource {Resource!.Kind} {Ingress!.Value.Namespace}/{Resource.Name}",
        _ => "controller default backend (404)",
    };
}
