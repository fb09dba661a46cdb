using RoutingCore.Model;

namespace RoutingCore.Routing;

/// <summary>Configuration of the Ingress controller (spec §5, §6).</summary>
public sealed record IngressControllerOptions
{
    /// <summary>The default controller name: IngressClasses whose <c>spec.controller</c> equals it are ours.</summary>
    public const string DefaultControllerName = "routingcore.io/ingress-controller";

    /// <summary>The <c>spec.controller</c> value of the IngressClasses this controller serves (CLS-2.1).</summary>
    public string ControllerName { get; init; } = DefaultControllerName;

    /// <summary>The <c>kubernetes.io/ingress.class</c> annotation value this controller serves (CLS-2.2).</summary>
    public string LegacyClassName { get; init; } = "routingcore";

    /// <summary>Serve Ingresses with no class at all (CLS-2.3); false by default, as ingress-nginx.</summary>
    public bool WatchIngressWithoutClass { get; init; }

    /// <summary>The addresses written to the status of every Ingress this controller serves (ING-S1, ING-S3).</summary>
    public IReadOnlyList<LoadBalancerIngress> PublishedAddresses { get; init; } = [];

    /// <summary>Route to ExternalName Services by their DNS name (ING-B5); when false they answer 503.</summary>
    public bool AllowExternalNameBackends { get; init; } = true;
}
