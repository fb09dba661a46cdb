using RoutingCore.Model;
using RoutingCore.Validation;
using static RoutingCore.Tests.Validation.ServiceFixtures;

namespace RoutingCore.Tests.Validation;

public sealed class ServiceErrorOrderTests
{
    [Fact]
    public void ERR_1_EveryProblemReportedInRuleOrder()
    {
        var service = Make(ServiceTypes.NodePort, Port(0), Port(80, protocol: "HTTP")) with
        {
            Metadata = new ObjectMeta { Name = "Web", Namespace = "default" },
        };
        service = service.WithSpec(s => s with
        {
            ClusterIP = "None",
            SessionAffinity = "Sticky",
            ExternalIPs = ["300.1.1.1"],
            LoadBalancerSourceRanges = ["10.0.0.0/8"],
            TrafficDistribution = "Anywhere",
        });

        ErrorAssert.Equal(
        [
            "metadata.name: Invalid value: \"Web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
            "spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for NodePort services",
            "spec.ports[0].name: Required value",
            "spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive",
            "spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive",
            "spec.ports[1].name: Required value",
            "spec.ports[1].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\"",
            "spec.sessionAffinity: Unsupported value: \"Sticky\": supported values: \"ClientIP\", \"None\"",
            "spec.externalIPs[0]: Invalid value: \"300.1.1.1\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)",
            "spec.LoadBalancerSourceRanges: Forbidden: may only be used when `type` is 'LoadBalancer'",
            "spec.trafficDistribution: Unsupported value: \"Anywhere\": supported values: \"PreferClose\", \"PreferSameNode\", \"PreferSameZone\"",
        ], Create(service));
    }

    [Fact]
    public void ERR_1_UpdateChecksSitAtTheirRules()
    {
        var manifest = Make(ServiceTypes.LoadBalancer).WithSpec(s => s with { ExternalTrafficPolicy = ServicePolicies.Local, LoadBalancerClass = "routingcore.io/lb" });
        var stored = Stored(manifest);
        var update = manifest.WithSpec(s => s with
        {
            ClusterIP = "10.96.0.11",
            LoadBalancerClass = "other.io/lb",
            HealthCheckNodePort = 30501,
            InternalTrafficPolicy = "Node",
        });

        ErrorAssert.Equal(
        [
            "spec.loadBalancerClass: Invalid value: \"other.io/lb\": may not change once set",
            "spec.healthCheckNodePort: Forbidden: field is immutable",
            "spec.internalTrafficPolicy: Unsupported value: \"Node\": supported values: \"Cluster\", \"Local\"",
            "spec.clusterIPs[0]: Invalid value: " + ErrorAssert.Composite + ": may not change once set",
        ], Update(update, stored));
    }
}
