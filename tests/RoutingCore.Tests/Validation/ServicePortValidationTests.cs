using RoutingCore.Model;
using RoutingCore.Validation;
using static RoutingCore.Tests.Validation.ServiceFixtures;

namespace RoutingCore.Tests.Validation;

public sealed class ServicePortValidationTests
{
    private const string LabelMessage = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

    [Fact]
    public void SVC_V5_NameRequiredWhenSeveralPorts()
    {
        ErrorAssert.Equal(
            ["spec.ports[0].name: Required value", "spec.ports[1].name: Required value"],
            Create(Make("", Port(80), Port(443))));
        ErrorAssert.Empty(Create(Make("", Port(80))));
    }

    [Fact]
    public void SVC_V5_NameIsAUniqueLabel()
    {
        ErrorAssert.Equal(
        [
            "spec.ports[0].name: Invalid value: \"HTTP\": " + LabelMessage,
            "spec.ports[2].name: Duplicate value: \"web\"",
            "spec.ports[3].name: Invalid value: \"a.b\": must not contain dots",
        ], Create(Make("", Port(80, "HTTP"), Port(81, "web"), Port(82, "web"), Port(83, "a.b"))));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65536)]
    [InlineData(-1)]
    public void SVC_V5_PortOutOfRange(int port)
    {
        // The defaulted targetPort copies the bad port, so it is reported too, as upstream does.
        ErrorAssert.Equal(
        [
            $"spec.ports[0].port: Invalid value: {port}: must be between 1 and 65535, inclusive",
            $"spec.ports[0].targetPort: Invalid value: {port}: must be between 1 and 65535, inclusive",
        ], Create(Make("", Port(port))));
    }

    [Fact]
    public void SVC_V5_ProtocolSupported()
    {
        ErrorAssert.Equal(
            ["spec.ports[0].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\""],
            Create(Make("", Port(80, protocol: "HTTP"))));
        var undefaulted = ServiceDefaults.Apply(Make(), null).WithSpec(s => s with { Ports = [s.Ports[0] with { Protocol = "" }] });
        ErrorAssert.Equal(["spec.ports[0].protocol: Required value"], ServiceValidation.ValidateCreate(undefaulted, ValidationOptions.Default));
    }

    public static TheoryData<IntOrString, string[]> TargetPorts() => new()
    {
        { 8080, [] },
        { "http-alt", [] },
        { 70000, ["spec.ports[0].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive"] },
        { "8080", ["spec.ports[0].targetPort: Invalid value: \"8080\": must contain at least one letter (a-z)"] },
        {
            "-Web--port-is-long", [
                "spec.ports[0].targetPort: Invalid value: \"-Web--port-is-long\": must be no more than 15 characters",
                "spec.ports[0].targetPort: Invalid value: \"-Web--port-is-long\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)",
                "spec.ports[0].targetPort: Invalid value: \"-Web--port-is-long\": must not contain consecutive hyphens",
                "spec.ports[0].targetPort: Invalid value: \"-Web--port-is-long\": must not begin or end with a hyphen",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(TargetPorts))]
    public void SVC_V5_TargetPortNumberOrIanaName(IntOrString targetPort, string[] expected)
    {
        ErrorAssert.Equal(expected, Create(Make("", Port(80) with { TargetPort = targetPort })));
    }

    [Theory]
    [InlineData("kubernetes.io/h2c", null)]
    [InlineData("http", null)]
    [InlineData("-h2c", "spec.ports[0].appProtocol: Invalid value: \"-h2c\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')")]
    [InlineData("/h2c", "spec.ports[0].appProtocol: Invalid value: \"/h2c\": prefix part must be non-empty")]
    public void SVC_V5_AppProtocolIsAQualifiedName(string appProtocol, string? expected)
    {
        ErrorAssert.Equal(expected is null ? [] : [expected], Create(Make("", Port(80) with { AppProtocol = appProtocol })));
    }

    [Fact]
    public void SVC_V11_NodePortForbiddenOnClusterIP()
    {
        ErrorAssert.Equal(
            ["spec.ports[1].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"],
            Create(Make("", Port(80, "http"), Port(443, "https", nodePort: 30443))));
    }

    [Fact]
    public void SVC_V12_DuplicateNodePortSameProtocol()
    {
        ErrorAssert.Equal(
            ["spec.ports[1].nodePort: Duplicate value: 30080"],
            Create(Make(ServiceTypes.NodePort, Port(80, "http", nodePort: 30080), Port(81, "alt", nodePort: 30080))));
    }

    [Fact]
    public void SVC_V12_DuplicatePortSameProtocol()
    {
        ErrorAssert.Equal(
            ["spec.ports[1]: Duplicate value: " + ErrorAssert.Composite],
            Create(Make("", Port(80, "http"), Port(80, "alt"))));
    }

    [Fact]
    public void SVC_V12_SamePortOrNodePortWithDifferentProtocolsAllowed()
    {
        ErrorAssert.Empty(Create(Make(ServiceTypes.NodePort, Port(53, "dns-tcp", "TCP", 30053), Port(53, "dns-udp", "UDP", 30053))));
    }
}
