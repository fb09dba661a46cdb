using System.Collections.Immutable;

namespace RoutingCore.Model;

/// <summary>A networking.k8s.io/v1 Ingress: HTTP routing rules by host and path (§4, §6).</summary>
public sealed record Ingress : KubeObject
{
    /// <summary>The legacy class annotation (CLS-2).</summary>
    public const string ClassAnnotation = "kubernetes.io/ingress.class";

    /// <inheritdoc />
    public override ObjectKind Kind => ObjectKind.Ingress;

    /// <summary>The rules.</summary>
    public IngressSpec Spec { get; init; } = new();

    /// <summary>The addresses the controller publishes, written by the Ingress controller.</summary>
    public IngressStatus Status { get; init; } = new();
}

/// <summary>Ingress spec.</summary>
public sealed record IngressSpec
{
    /// <summary>The IngressClass that owns this Ingress.</summary>
    public string? IngressClassName { get; init; }

    /// <summary>The backend for requests no rule matches.</summary>
    public IngressBackend? DefaultBackend { get; init; }

    /// <summary>TLS configuration: host sets and the Secrets holding their certificates.</summary>
    public ImmutableArray<IngressTls> Tls { get; init; } = [];

    /// <summary>Host rules.</summary>
    public ImmutableArray<IngressRule> Rules { get; init; } = [];
}

/// <summary>A TLS entry of an Ingress.</summary>
public sealed record IngressTls
{
    /// <summary>The hosts the certificate covers; empty means the controller's default host.</summary>
    public ImmutableArray<string> Hosts { get; init; } = [];

    /// <summary>The Secret (in the Ingress's namespace) holding <c>tls.crt</c> and <c>tls.key</c>.</summary>
    public string? SecretName { get; init; }
}

/// <summary>A host rule.</summary>
public sealed record IngressRule
{
    /// <summary>A precise host, a one-label wildcard (<c>*.example.com</c>), or empty for every host.</summary>
    public string? Host { get; init; }

    /// <summary>The HTTP paths; a rule without it only claims its host (ING-H8).</summary>
    public HttpIngressRuleValue? Http { get; init; }
}

/// <summary>The HTTP part of a rule.</summary>
public sealed record HttpIngressRuleValue
{
    /// <summary>The paths (at least one).</summary>
    public ImmutableArray<HttpIngressPath> Paths { get; init; } = [];
}

/// <summary>A path and its backend.</summary>
public sealed record HttpIngressPath
{
    /// <summary>The path to match.</summary>
    public string? Path { get; init; }

    /// <summary>Exact, Prefix or ImplementationSpecific; required in v1.</summary>
    public string? PathType { get; init; }

    /// <summary>Where matching requests go.</summary>
    public IngressBackend Backend { get; init; } = new();
}

/// <summary>Ingress path types.</summary>
public static class PathTypes
{
    /// <summary>The whole path, byte for byte.</summary>
    public const string Exact = "Exact";
    /// <summary>Element-wise prefix over <c>/</c>-separated segments.</summary>
    public const string Prefix = "Prefix";
    /// <summary>Controller-defined; RoutingCore treats it as Prefix (ING-P3).</summary>
    public const string ImplementationSpecific = "ImplementationSpecific";
}

/// <summary>A backend: a Service port or a typed resource reference.</summary>
public sealed record IngressBackend
{
    /// <summary>A Service port in the Ingress's namespace.</summary>
    public IngressServiceBackend? Service { get; init; }

    /// <summary>A resource in the Ingress's namespace.</summary>
    public TypedLocalObjectReference? Resource { get; init; }
}

/// <summary>A Service backend.</summary>
public sealed record IngressServiceBackend
{
    /// <summary>The Service's name.</summary>
    public string Name { get; init; } = "";

    /// <summary>The ServicePort, by number or name.</summary>
    public ServiceBackendPort Port { get; init; } = new();
}

/// <summary>A ServicePort reference: exactly one of name and number.</summary>
public sealed record ServiceBackendPort
{
    /// <summary>The ServicePort's name.</summary>
    public string? Name { get; init; }

    /// <summary>The ServicePort's port number.</summary>
    public int Number { get; init; }
}

/// <summary>A reference to an object of any kind in the same namespace.</summary>
/// <param name="ApiGroup">The API group; null for the core group.</param>
/// <param name="Kind">The kind.</param>
/// <param name="Name">The name.</param>
public sealed record TypedLocalObjectReference(string? ApiGroup, string Kind, string Name);

/// <summary>Ingress status.</summary>
public sealed record IngressStatus
{
    /// <summary>The published addresses.</summary>
    public LoadBalancerStatus LoadBalancer { get; init; } = new();
}

/// <summary>A networking.k8s.io/v1 IngressClass (cluster-scoped): names the controller that implements a class (§4.3, §5).</summary>
public sealed record IngressClass : KubeObject
{
    /// <summary>The annotation that marks the default class (CLS-1).</summary>
    public const string DefaultClassAnnotation = "ingressclass.kubernetes.io/is-default-class";

    /// <inheritdoc />
    public override ObjectKind Kind => ObjectKind.IngressClass;

    /// <summary>The class spec.</summary>
    public IngressClassSpec Spec { get; init; } = new();

    /// <summary>True when the class is annotated as the default (the value is exactly <c>"true"</c>).</summary>
    public bool IsDefault => Metadata.Annotations.TryGetValue(DefaultClassAnnotation, out var value) && value == "true";
}

/// <summary>IngressClass spec.</summary>
public sealed record IngressClassSpec
{
    /// <summary>The controller name, a domain-prefixed path (<c>routingcore.io/ingress-controller</c>); immutable.</summary>
    public string Controller { get; init; } = "";

    /// <summary>Controller-specific parameters, passed through unchanged (CLS-5).</summary>
    public IngressClassParameters? Parameters { get; init; }
}

/// <summary>A reference to IngressClass parameters.</summary>
public sealed record IngressClassParameters
{
    /// <summary>The API group.</summary>
    public string? ApiGroup { get; init; }

    /// <summary>The kind.</summary>
    public string Kind { get; init; } = "";

    /// <summary>The name.</summary>
    public string Name { get; init; } = "";

    /// <summary>Cluster (default) or Namespace.</summary>
    public string? Scope { get; init; }

    /// <summary>The namespace, when <see cref="Scope"/> is Namespace.</summary>
    public string? Namespace { get; init; }
}
