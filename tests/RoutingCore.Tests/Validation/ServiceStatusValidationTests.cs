using RoutingCore.Model;
using RoutingCore.Validation;
using static RoutingCore.Tests.Validation.ServiceFixtures;

namespace RoutingCore.Tests.Validation;

public sealed class ServiceStatusValidationTests
{
    private static List<FieldError> StatusUpdate(string type, LoadBalancerIngress ingress, bool applyDefaults = true)
    {
        var stored = Stored(Make(type));
        var updated = stored with { Status = new ServiceStatus { LoadBalancer = new LoadBalancerStatus { Ingress = [ingress] } } };
        return ServiceValidation.ValidateStatusUpdate(applyDefaults ? ServiceDefaults.Apply(updated, stored) : updated, stored, ValidationOptions.Default);
    }

    [Fact]
    public void SVC_V21_IngressOnlyOnLoadBalancer()
    {
        ErrorAssert.Equal(
            ["status.loadBalancer.ingress: Forbidden: may only be used when `spec.type` is 'LoadBalancer'"],
            StatusUpdate(ServiceTypes.NodePort, new LoadBalancerIngress { Ip = "192.0.2.10" }));
    }

    public static TheoryData<LoadBalancerIngress, string[]> Entries() => new()
    {
        { new LoadBalancerIngress { Ip = "192.0.2.10" }, [] },
        { new LoadBalancerIngress { Ip = "192.0.2.10", IpMode = "Proxy" }, [] },
        { new LoadBalancerIngress { Hostname = "lb.example.com" }, [] },
        { new LoadBalancerIngress { Ip = "192.0.2", IpMode = "VIP" }, ["status.loadBalancer.ingress[0].ip: Invalid value: \"192.0.2\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"] },
        { new LoadBalancerIngress { Hostname = "lb.example.com", IpMode = "VIP" }, ["status.loadBalancer.ingress[0].ipMode: Forbidden: may not be specified when `ip` is not set"] },
        { new LoadBalancerIngress { Ip = "192.0.2.10", IpMode = "Direct" }, ["status.loadBalancer.ingress[0].ipMode: Unsupported value: \"Direct\": supported values: \"Proxy\", \"VIP\""] },
        { new LoadBalancerIngress { Hostname = "192.0.2.10" }, ["status.loadBalancer.ingress[0].hostname: Invalid value: \"192.0.2.10\": must be a DNS name, not an IP address"] },
        {
            new LoadBalancerIngress { Hostname = "LB.example.com" },
            ["status.loadBalancer.ingress[0].hostname: Invalid value: \"LB.example.com\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"]
        },
    };

    [Theory]
    [MemberData(nameof(Entries))]
    public void SVC_V21_IngressEntries(LoadBalancerIngress ingress, string[] expected) =>
        ErrorAssert.Equal(expected, StatusUpdate(ServiceTypes.LoadBalancer, ingress));

    [Fact]
    public void SVC_V21_IpModeRequiredWithIpWithoutDefaulting()
    {
        ErrorAssert.Equal(
            ["status.loadBalancer.ingress[0].ipMode: Required value: must be specified when `ip` is set"],
            StatusUpdate(ServiceTypes.LoadBalancer, new LoadBalancerIngress { Ip = "192.0.2.10" }, applyDefaults: false));
    }
}
