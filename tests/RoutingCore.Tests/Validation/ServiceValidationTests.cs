using RoutingCore.Model;
using RoutingCore.Validation;
using static RoutingCore.Tests.Validation.ServiceFixtures;

namespace RoutingCore.Tests.Validation;

public sealed class ServiceValidationTests
{
    private const string SubdomainMessage = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    public static TheoryData<Service> ValidServices() =>
    [
        Make(),
        Make(ServiceTypes.NodePort, Port(80, "http"), Port(443, "https")),
        Make(ServiceTypes.LoadBalancer).WithSpec(s => s with { ExternalTrafficPolicy = ServicePolicies.Local, LoadBalancerSourceRanges = ["10.0.0.0/8"], LoadBalancerClass = "routingcore.io/lb" }),
        Make(ServiceTypes.ExternalName).WithSpec(s => s with { ExternalName = "db.example.com." }),
        Make().WithSpec(s => s with { ClusterIP = "None", Ports = [] }),
        Make().WithSpec(s => s with { ClusterIP = "10.96.0.20", ExternalIPs = ["203.0.113.7"], SessionAffinity = ServicePolicies.ClientIP }),
    ];

    [Theory]
    [MemberData(nameof(ValidServices))]
    public void SVC_D_DefaultedServicesOfEveryTypeAreValid(Service service) => ErrorAssert.Empty(Create(service));

    [Fact]
    public void SVC_V1_NameMustBeADns1035Label()
    {
        var service = Make() with { Metadata = new ObjectMeta { Name = "1web", Namespace = "default" } };
        ErrorAssert.Equal(
            ["metadata.name: Invalid value: \"1web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"],
            Create(service));
        ErrorAssert.Empty(Create(service, new ValidationOptions { RelaxedServiceNames = true }));
    }

    [Fact]
    public void SVC_V2_PortsRequiredUnlessHeadlessOrExternalName()
    {
        ErrorAssert.Equal(["spec.ports: Required value"], Create(Make().WithSpec(s => s with { Ports = [] })));
        ErrorAssert.Empty(Create(Make().WithSpec(s => s with { Ports = [], ClusterIP = "None" })));
        ErrorAssert.Empty(Create(Make(ServiceTypes.ExternalName).WithSpec(s => s with { Ports = [], ExternalName = "example.com" })));
    }

    [Theory]
    [InlineData(ServiceTypes.LoadBalancer)]
    [InlineData(ServiceTypes.NodePort)]
    public void SVC_V3_HeadlessOnlyWithClusterIP(string type)
    {
        ErrorAssert.Equal(
            [$"spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for {type} services"],
            Create(Make(type).WithSpec(s => s with { ClusterIP = "None" })));
    }

    [Fact]
    public void SVC_V4_ExternalNameForbidsClusterIPFieldsAndNeedsAName()
    {
        var service = Make(ServiceTypes.ExternalName).WithSpec(s => s with { ClusterIP = "10.96.0.9", IpFamilies = ["IPv4"], IpFamilyPolicy = "SingleStack" });
        ErrorAssert.Equal(
        [
            "spec.clusterIPs: Forbidden: may not be set for ExternalName services",
            "spec.ipFamilies: Forbidden: may not be set for ExternalName services",
            "spec.ipFamilyPolicy: Forbidden: may not be set for ExternalName services",
            "spec.externalName: Required value",
        ], Create(service));
    }

    [Theory]
    [InlineData("example.com", null)]
    [InlineData("example.com.", null)]
    [InlineData("svc", null)]
    [InlineData(".", "spec.externalName: Required value")]
    [InlineData("Example.com.", "spec.externalName: Invalid value: \"Example.com\": " + SubdomainMessage)]
    [InlineData("example..com", "spec.externalName: Invalid value: \"example..com\": " + SubdomainMessage)]
    public void SVC_V4_ExternalNameIsASubdomainAfterOneTrailingDot(string externalName, string? expected)
    {
        var errors = Create(Make(ServiceTypes.ExternalName).WithSpec(s => s with { ExternalName = externalName }));
        ErrorAssert.Equal(expected is null ? [] : [expected], errors);
    }

    [Fact]
    public void SVC_V6_SelectorKeysAndValuesAreLabels()
    {
        var service = Make().WithSpec(s => s with { Selector = s.Selector.Add("tier", "front end").Add("-x", "ok") });
        ErrorAssert.Equal(
        [
            "spec.selector: Invalid value: \"-x\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
            "spec.selector: Invalid value: \"front end\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
        ], Create(service));
    }

    [Fact]
    public void SVC_V7_SessionAffinityMustBeSupported()
    {
        ErrorAssert.Equal(
            ["spec.sessionAffinity: Unsupported value: \"Sticky\": supported values: \"ClientIP\", \"None\""],
            Create(Make().WithSpec(s => s with { SessionAffinity = "Sticky" })));
    }

    [Fact]
    public void SVC_V7_SessionAffinityRequiredWithoutDefaulting()
    {
        var service = ServiceDefaults.Apply(Make(), null).WithSpec(s => s with { SessionAffinity = "" });
        ErrorAssert.Equal(["spec.sessionAffinity: Required value"], ServiceValidation.ValidateCreate(service, ValidationOptions.Default));
    }

    public static TheoryData<SessionAffinityConfig?, string> ClientIPConfigProblems() => new()
    {
        { null, "spec.sessionAffinityConfig: Required value: when session affinity type is ClientIP" },
        { new SessionAffinityConfig(null), "spec.sessionAffinityConfig.clientIP: Required value: when session affinity type is ClientIP" },
        { new SessionAffinityConfig(new ClientIPConfig(null)), "spec.sessionAffinityConfig.clientIP.timeoutSeconds: Required value: when session affinity type is ClientIP" },
        { new SessionAffinityConfig(new ClientIPConfig(0)), "spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 0: must be greater than 0 and less than 86400" },
        { new SessionAffinityConfig(new ClientIPConfig(86401)), "spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 86401: must be greater than 0 and less than 86400" },
    };

    [Theory]
    [MemberData(nameof(ClientIPConfigProblems))]
    public void SVC_V7_ClientIPConfigWithoutDefaulting(SessionAffinityConfig? config, string expected)
    {
        var service = ServiceDefaults.Apply(Make(), null).WithSpec(s => s with { SessionAffinity = ServicePolicies.ClientIP, SessionAffinityConfig = config });
        ErrorAssert.Equal([expected], ServiceValidation.ValidateCreate(service, ValidationOptions.Default));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(86400)]
    public void SVC_V7_TimeoutBoundsAccepted(int timeout)
    {
        var service = Make().WithSpec(s => s with { SessionAffinity = ServicePolicies.ClientIP, SessionAffinityConfig = new SessionAffinityConfig(new ClientIPConfig(timeout)) });
        ErrorAssert.Empty(Create(service));
    }

    [Fact]
    public void SVC_V7_ConfigWithNoneForbiddenWithoutDefaulting()
    {
        var service = ServiceDefaults.Apply(Make(), null).WithSpec(s => s with { SessionAffinityConfig = new SessionAffinityConfig(new ClientIPConfig(60)) });
        ErrorAssert.Equal(["spec.sessionAffinityConfig: Forbidden: must not be set when session affinity is None"], ServiceValidation.ValidateCreate(service, ValidationOptions.Default));
    }

    [Fact]
    public void SVC_V9_ExternalIPsMustBeValidAndNotSpecial()
    {
        var service = Make().WithSpec(s => s with { ExternalIPs = ["203.0.113.7", "1.2.3", "0.0.0.0", "127.0.0.1", "169.254.1.1", "224.0.0.251", "::", "::1", "fe80::1", "ff02::fb", "010.1.1.1"] });
        ErrorAssert.Equal(
        [
            "spec.externalIPs[1]: Invalid value: \"1.2.3\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)",
            "spec.externalIPs[2]: Invalid value: \"0.0.0.0\": may not be unspecified (0.0.0.0)",
            "spec.externalIPs[3]: Invalid value: \"127.0.0.1\": may not be in the loopback range (127.0.0.0/8, ::1/128)",
            "spec.externalIPs[4]: Invalid value: \"169.254.1.1\": may not be in the link-local range (169.254.0.0/16, fe80::/10)",
            "spec.externalIPs[5]: Invalid value: \"224.0.0.251\": may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)",
            "spec.externalIPs[6]: Invalid value: \"::\": may not be unspecified (::)",
            "spec.externalIPs[7]: Invalid value: \"::1\": may not be in the loopback range (127.0.0.0/8, ::1/128)",
            "spec.externalIPs[8]: Invalid value: \"fe80::1\": may not be in the link-local range (169.254.0.0/16, fe80::/10)",
            "spec.externalIPs[9]: Invalid value: \"ff02::fb\": may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)",
            "spec.externalIPs[10]: Invalid value: \"010.1.1.1\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)",
        ], Create(service));
    }

    [Fact]
    public void SVC_V9_LoopbackAllowedByOption()
    {
        var service = Make().WithSpec(s => s with { ExternalIPs = ["127.0.0.1", "::1", "169.254.1.1"] });
        ErrorAssert.Equal(
            ["spec.externalIPs[2]: Invalid value: \"169.254.1.1\": may not be in the link-local range (169.254.0.0/16, fe80::/10)"],
            Create(service, new ValidationOptions { AllowLoopbackAddresses = true }));
    }

    [Fact]
    public void SVC_V10_TypeMustBeSupported()
    {
        ErrorAssert.Equal(
            ["spec.type: Unsupported value: \"Foo\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\""],
            Create(Make("Foo")));
        var untyped = ServiceDefaults.Apply(Make(), null).WithSpec(s => s with { Type = "" });
        ErrorAssert.Equal(["spec.type: Required value"], ServiceValidation.ValidateCreate(untyped, ValidationOptions.Default));
    }
}
