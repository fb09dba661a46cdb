using RoutingCore.Model;
using RoutingCore.Validation;
using static RoutingCore.Tests.Validation.IngressSamples;

namespace RoutingCore.Tests.Validation;

public sealed class IngressUpdateValidationTests
{
    private static readonly IngressTls BadSecret = new() { Hosts = ["a.com"], SecretName = "Bad_Secret" };

    [Fact]
    public void ING_V14_UpdateRunsTheCreateChecks()
    {
        var bad = WithRules(Rule("Bad", Path("/", PathTypes.Prefix)));
        Assert.Equal(["spec.rules[0].host: Invalid value: \"Bad\": " + NameRules.Dns1123SubdomainMessage], Update(bad, Valid()));
    }

    [Fact]
    public void ING_V14_InvalidSecretNameToleratedWhenAlreadyStored()
    {
        var stored = WithTls(BadSecret);
        Assert.Equal(["spec.tls[0].secretName: Invalid value: \"Bad_Secret\": " + NameRules.Dns1123SubdomainMessage], Update(stored, Valid()));
        Assert.Empty(Update(stored, stored));
        Assert.Empty(Update(WithTls(BadSecret with { SecretName = "Other_Bad" }), stored));
    }

    [Fact]
    public void ING_V14_InvalidWildcardRuleToleratedWhenAlreadyStored()
    {
        var stored = WithRules(Rule("*.a.com", Path("relative", PathTypes.Prefix)));
        Assert.Equal(["spec.rules[0].http.paths[0].path: Invalid value: \"relative\": must be an absolute path"], Update(stored, Valid()));
        Assert.Empty(Update(stored, stored));

        // Only wildcard-host rules are spared; the host itself and other rules are still checked.
        var changed = WithRules(Rule("*.a.com", Path("x", PathTypes.Exact)), Rule("b.com", Path("y", PathTypes.Exact)), Rule("*.B.com"));
        Assert.Equal(
            [
                "spec.rules[1].http.paths[0].path: Invalid value: \"y\": must be an absolute path",
                "spec.rules[2].host: Invalid value: \"*.B.com\": " + NameRules.WildcardSubdomainMessage,
            ],
            Update(changed, stored));
    }

    [Fact]
    public void ING_V14_RelaxedServiceNameToleratedWhenAlreadyStored()
    {
        var stored = WithDefaultBackend(Service("1web", 80));
        Assert.Equal(["spec.defaultBackend.service.name: Invalid value: \"1web\": " + NameRules.Dns1035LabelMessage], Create(stored));
        Assert.Empty(Update(WithDefaultBackend(Service("2web", 80)), stored));
        Assert.Equal(
            ["spec.defaultBackend.service.name: Invalid value: \"2web\": " + NameRules.Dns1035LabelMessage],
            Update(WithDefaultBackend(Service("2web", 80)), Valid()));
    }

    [Fact]
    public void ING_V14_UpdateSkipsTheClassAnnotationCheck()
    {
        var ingress = WithAnnotation(Valid() with { Spec = Valid().Spec with { IngressClassName = "a" } }, Ingress.ClassAnnotation, "b");
        Assert.Single(Create(ingress));
        Assert.Empty(Update(ingress, Valid()));
    }

    private static Ingress WithStatus(params LoadBalancerIngress[] entries) =>
        Valid() with { Status = new IngressStatus { LoadBalancer = new LoadBalancerStatus { Ingress = [.. entries] } } };

    private static string[] Status(Ingress ingress, Ingress old) =>
        Render(IngressValidation.ValidateStatusUpdate(ingress, old, Options));

    [Fact]
    public void ING_V15_StatusAddresses()
    {
        Assert.Empty(Status(WithStatus(new LoadBalancerIngress { Ip = "192.0.2.1" }, new LoadBalancerIngress { Hostname = "lb.example.com" }, new LoadBalancerIngress { Ip = "2001:db8::1" }), Valid()));
        Assert.Equal(
            [
                "status.loadBalancer.ingress[0].ip: Invalid value: \"not-an-ip\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)",
                "status.loadBalancer.ingress[1].hostname: Invalid value: \"1.2.3.4\": must be a DNS name, not an IP address",
                "status.loadBalancer.ingress[2].hostname: Invalid value: \"LB.example.com\": " + NameRules.Dns1123SubdomainMessage,
            ],
            Status(WithStatus(new LoadBalancerIngress { Ip = "not-an-ip" }, new LoadBalancerIngress { Hostname = "1.2.3.4" }, new LoadBalancerIngress { Hostname = "LB.example.com" }), Valid()));
    }

    [Fact]
    public void ING_V15_StoredIPsAreKeptAndLegacyFormsAccepted()
    {
        var stored = WithStatus(new LoadBalancerIngress { Ip = "bogus" });
        Assert.Empty(Status(WithStatus(new LoadBalancerIngress { Ip = "bogus" }, new LoadBalancerIngress { Ip = "010.000.001.002" }), stored));
    }

    [Fact]
    public void ING_V15_StatusUpdateChecksMetadataLabelsButNotTheSpec()
    {
        var ingress = WithStatus() with
        {
            Spec = new IngressSpec(),
            Metadata = Valid().Metadata with { Labels = System.Collections.Immutable.ImmutableSortedDictionary<string, string>.Empty.Add("a", "-") },
        };
        Assert.Equal(["metadata.labels: Invalid value: \"-\": " + NameRules.LabelValueMessage], Status(ingress, Valid()));
    }
}
