using System.Collections.Immutable;
using RoutingCore.Model;
using RoutingCore.Validation;

namespace RoutingCore.Tests.Validation;

/// <summary>Builders for Ingress test objects: a valid Ingress, and ways to change one part of it.</summary>
internal static class IngressSamples
{
    public static readonly ValidationOptions Options = ValidationOptions.Default;

    public static IngressBackend Service(string name, int number) =>
        new() { Service = new IngressServiceBackend { Name = name, Port = new ServiceBackendPort { Number = number } } };

    public static IngressBackend ServicePortName(string name, string portName) =>
        new() { Service = new IngressServiceBackend { Name = name, Port = new ServiceBackendPort { Name = portName } } };

    public static HttpIngressPath Path(string? path, string? pathType, IngressBackend? backend = null) =>
        new() { Path = path, PathType = pathType, Backend = backend ?? Service("web", 80) };

    public static IngressRule Rule(string? host, params HttpIngressPath[] paths) =>
        new() { Host = host, Http = new HttpIngressRuleValue { Paths = [.. paths] } };

    /// <summary>A valid Ingress: <c>example.com /</c> (Prefix) to Service <c>web:80</c>.</summary>
    public static Ingress Valid() => new()
    {
        Metadata = new ObjectMeta { Name = "web", Namespace = "default" },
        Spec = new IngressSpec { Rules = [Rule("example.com", Path("/", PathTypes.Prefix))] },
    };

    public static Ingress WithRules(params IngressRule[] rules) => Valid() with { Spec = new IngressSpec { Rules = [.. rules] } };

    public static Ingress WithPath(HttpIngressPath path) => WithRules(Rule("example.com", path));

    public static Ingress WithDefaultBackend(IngressBackend backend) =>
        Valid() with { Spec = new IngressSpec { DefaultBackend = backend } };

    public static Ingress WithTls(params IngressTls[] tls) => Valid() with { Spec = Valid().Spec with { Tls = [.. tls] } };

    public static Ingress WithAnnotation(Ingress ingress, string key, string value) =>
        ingress with { Metadata = ingress.Metadata with { Annotations = ImmutableSortedDictionary<string, string>.Empty.Add(key, value) } };

    public static string[] Create(Ingress ingress, ValidationOptions? options = null) =>
        Render(IngressValidation.ValidateCreate(ingress, options ?? Options));

    public static string[] Update(Ingress ingress, Ingress old) => Render(IngressValidation.ValidateUpdate(ingress, old, Options));

    public static string[] Render(List<FieldError> errors) => [.. errors.Select(e => e.ToString())];
}
