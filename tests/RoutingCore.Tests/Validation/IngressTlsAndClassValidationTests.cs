using RoutingCore.Model;
using RoutingCore.Validation;
using static RoutingCore.Tests.Validation.IngressSamples;

namespace RoutingCore.Tests.Validation;

public sealed class IngressTlsAndClassValidationTests
{
    [Fact]
    public void ING_V11_TlsHostsAndSecretName()
    {
        Assert.Empty(Create(WithTls(new IngressTls { Hosts = ["*.a.com", "b.com"], SecretName = "tls-cert" }, new IngressTls())));
        Assert.Equal(
            [
                "spec.tls[0].hosts[0]: Invalid value: \"a.*.com\": " + NameRules.WildcardSubdomainMessage,
                "spec.tls[0].hosts[1]: Invalid value: \"A.com\": " + NameRules.Dns1123SubdomainMessage,
                "spec.tls[0].secretName: Invalid value: \"Bad_Name\": " + NameRules.Dns1123SubdomainMessage,
                "spec.tls[1].hosts[0]: Invalid value: \"*\": " + NameRules.WildcardSubdomainMessage,
            ],
            Create(WithTls(new IngressTls { Hosts = ["a.*.com", "A.com"], SecretName = "Bad_Name" }, new IngressTls { Hosts = ["*"], SecretName = "" })));
    }

    [Fact]
    public void ING_V12_IngressClassNameIsASubdomain()
    {
        Assert.Empty(Create(Valid() with { Spec = Valid().Spec with { IngressClassName = "routingcore" } }));
        Assert.Equal(
            ["spec.ingressClassName: Invalid value: \"Nginx\": " + NameRules.Dns1123SubdomainMessage],
            Create(Valid() with { Spec = Valid().Spec with { IngressClassName = "Nginx" } }));
        Assert.Equal(
            ["spec.ingressClassName: Invalid value: \"\": " + NameRules.Dns1123SubdomainMessage],
            Create(Valid() with { Spec = Valid().Spec with { IngressClassName = "" } }));
    }

    [Fact]
    public void ING_V13_AnnotationMustMatchClassNameOnCreate()
    {
        var ingress = WithAnnotation(Valid() with { Spec = Valid().Spec with { IngressClassName = "routingcore" } }, Ingress.ClassAnnotation, "nginx");
        Assert.Equal(
            ["annotations.kubernetes.io/ingress.class: Invalid value: \"nginx\": must match `ingressClassName` when both are specified"],
            Create(ingress));
        Assert.Empty(Update(ingress, ingress));
    }

    [Fact]
    public void ING_V13_AgreeingOrSingleClassIsFine()
    {
        var field = Valid() with { Spec = Valid().Spec with { IngressClassName = "routingcore" } };
        Assert.Empty(Create(WithAnnotation(field, Ingress.ClassAnnotation, "routingcore")));
        Assert.Empty(Create(WithAnnotation(Valid(), Ingress.ClassAnnotation, "nginx")));
    }

    [Fact]
    public void ERR_1_ErrorsComeInUpstreamOrder()
    {
        var ingress = WithAnnotation(
            new Ingress
            {
                Metadata = new ObjectMeta { Name = "web", Namespace = "default" },
                Spec = new IngressSpec
                {
                    IngressClassName = "Bad",
                    DefaultBackend = Service("", 80),
                    Tls = [new IngressTls { SecretName = "Bad" }],
                    Rules = [Rule("Bad", Path("bad", PathTypes.Prefix))],
                },
            },
            Ingress.ClassAnnotation,
            "other");
        Assert.Equal(
            [
                "spec.defaultBackend.service.name: Required value",
                "spec.rules[0].host: Invalid value: \"Bad\": " + NameRules.Dns1123SubdomainMessage,
                "spec.rules[0].http.paths[0].path: Invalid value: \"bad\": must be an absolute path",
                "spec.tls[0].secretName: Invalid value: \"Bad\": " + NameRules.Dns1123SubdomainMessage,
                "spec.ingressClassName: Invalid value: \"Bad\": " + NameRules.Dns1123SubdomainMessage,
                "annotations.kubernetes.io/ingress.class: Invalid value: \"other\": must match `ingressClassName` when both are specified",
            ],
            Create(ingress));
    }
}
