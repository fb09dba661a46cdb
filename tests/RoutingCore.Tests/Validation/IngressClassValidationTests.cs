using RoutingCore.Model;
using RoutingCore.Validation;

namespace RoutingCore.Tests.Validation;

public sealed class IngressClassValidationTests
{
    private static readonly ValidationOptions Options = ValidationOptions.Default;

    private static IngressClass Class(string controller = "routingcore.io/ingress-controller", IngressClassParameters? parameters = null) => new()
    {
        Metadata = new ObjectMeta { Name = "routingcore" },
        Spec = new IngressClassSpec { Controller = controller, Parameters = parameters },
    };

    private static IngressClassParameters Parameters(string? scope, string? ns = null) =>
        new() { ApiGroup = "k8s.example.com", Kind = "IngressParameters", Name = "external-lb", Scope = scope, Namespace = ns };

    private static string[] Create(IngressClass ingressClass) =>
        [.. IngressClassValidation.ValidateCreate(ingressClass, Options).Select(e => e.ToString())];

    [Fact]
    public void ING_V20_ValidClassHasNoErrors()
    {
        Assert.Empty(Create(Class()));
        Assert.Empty(Create(Class("acme.io/a/b~c:d;e=f%20")));
    }

    [Fact]
    public void ING_V20_ControllerIsRequired()
    {
        Assert.Equal(["spec.controller: Required value"], Create(Class("")));
    }

    [Theory]
    [InlineData("routingcore")]
    [InlineData("/foo")]
    [InlineData("acme.io/")]
    public void ING_V20_ControllerMustBeADomainPrefixedPath(string controller)
    {
        Assert.Equal([$"spec.controller: Invalid value: \"{controller}\": must be a domain-prefixed path (such as \"acme.io/foo\")"], Create(Class(controller)));
    }

    [Fact]
    public void ING_V20_ControllerDomainAndPathAreChecked()
    {
        Assert.Equal(["spec.controller: Invalid value: \"Acme.io\": " + NameRules.Dns1123SubdomainMessage], Create(Class("Acme.io/foo")));
        Assert.Equal(
            ["spec.controller: Invalid value: \"foo bar\": Invalid path (regex used for validation is '[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+')"],
            Create(Class("acme.io/foo bar")));
    }

    [Fact]
    public void ING_V20_ControllerAtMost250Bytes()
    {
        Assert.Empty(Create(Class("acme.io/" + new string('x', 242))));
        Assert.Equal(["spec.controller: Too long: may not be more than 250 bytes"], Create(Class("acme.io/" + new string('x', 243))));
    }

    [Fact]
    public void ING_V20_ControllerIsImmutable()
    {
        var errors = IngressClassValidation.ValidateUpdate(Class("b.io/x"), Class(), Options).Select(e => e.ToString());
        Assert.Equal(["spec.controller: Invalid value: \"b.io/x\": field is immutable"], errors);
        Assert.Empty(IngressClassValidation.ValidateUpdate(Class(), Class(), Options));
    }

    [Fact]
    public void ING_V20_ImmutabilityIsReportedBeforeOtherErrors()
    {
        var errors = IngressClassValidation.ValidateUpdate(Class("bad"), Class(), Options).Select(e => e.ToString());
        Assert.Equal(
            [
                "spec.controller: Invalid value: \"bad\": field is immutable",
                "spec.controller: Invalid value: \"bad\": must be a domain-prefixed path (such as \"acme.io/foo\")",
            ],
            errors);
    }

    [Fact]
    public void ING_V21_ScopeDefaultsToCluster()
    {
        var defaulted = IngressClassDefaults.Apply(Class(parameters: Parameters(scope: null)));
        Assert.Equal("Cluster", defaulted.Spec.Parameters!.Scope);
        Assert.Empty(Create(defaulted));
        var untouched = Class(parameters: Parameters("Namespace", "infra"));
        Assert.Same(untouched, IngressClassDefaults.Apply(untouched));
        Assert.Same(Class().Spec.Parameters, IngressClassDefaults.Apply(Class()).Spec.Parameters);
    }

    [Fact]
    public void ING_V21_ScopeIsRequiredAfterDefaulting()
    {
        Assert.Equal(["spec.parameters.scope: Required value"], Create(Class(parameters: Parameters(scope: null))));
    }

    [Fact]
    public void ING_V21_KindAndNameRequiredAndPathSegments()
    {
        Assert.Equal(
            ["spec.parameters.kind: Required value", "spec.parameters.name: Required value"],
            Create(Class(parameters: Parameters("Cluster") with { Kind = "", Name = "" })));
        Assert.Equal(
            [
                "spec.parameters.apiGroup: Invalid value: \"K8s\": " + NameRules.Dns1123SubdomainMessage,
                "spec.parameters.kind: Invalid value: \"a/b\": may not contain '/'",
                "spec.parameters.name: Invalid value: \".\": may not be '.'",
            ],
            Create(Class(parameters: Parameters("Cluster") with { ApiGroup = "K8s", Kind = "a/b", Name = "." })));
    }

    [Fact]
    public void ING_V21_ScopeMustBeClusterOrNamespace()
    {
        Assert.Equal(
            ["spec.parameters.scope: Unsupported value: \"Global\": supported values: \"Cluster\", \"Namespace\""],
            Create(Class(parameters: Parameters("Global"))));
    }

    [Fact]
    public void ING_V21_NamespaceScopeNeedsALabelNamespace()
    {
        Assert.Empty(Create(Class(parameters: Parameters("Namespace", "infra"))));
        Assert.Equal(
            ["spec.parameters.namespace: Required value: `parameters.scope` is set to 'Namespace'"],
            Create(Class(parameters: Parameters("Namespace"))));
        Assert.Equal(
            ["spec.parameters.namespace: Invalid value: \"infra.team\": must not contain dots"],
            Create(Class(parameters: Parameters("Namespace", "infra.team"))));
        Assert.Equal(
            ["spec.parameters.namespace: Invalid value: \"Infra\": " + NameRules.Dns1123LabelMessage],
            Create(Class(parameters: Parameters("Namespace", "Infra"))));
    }

    [Fact]
    public void ING_V21_ClusterScopeForbidsANamespace()
    {
        Assert.Equal(
            ["spec.parameters.namespace: Forbidden: `parameters.scope` is set to 'Cluster'"],
            Create(Class(parameters: Parameters("Cluster", "infra"))));
    }

    [Fact]
    public void ING_V22_NameIsASubdomainAndTheClassIsClusterScoped()
    {
        var ingressClass = Class() with { Metadata = new ObjectMeta { Name = "Bad_Class", Namespace = "default" } };
        Assert.Equal(
            [
                "metadata.name: Invalid value: \"Bad_Class\": " + NameRules.Dns1123SubdomainMessage,
                "metadata.namespace: Forbidden: not allowed on this type",
            ],
            Create(ingressClass));
    }
}
