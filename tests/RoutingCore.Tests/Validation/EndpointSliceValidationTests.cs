using RoutingCore.Model;
using RoutingCore.Validation;

namespace RoutingCore.Tests.Validation;

public sealed class EndpointSliceValidationTests
{
    private const string IPMessage = "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)";

    private static Endpoint At(params string[] addresses) => new() { Addresses = [.. addresses] };

    private static EndpointSlice Make(string addressType = AddressTypes.IPv4, params Endpoint[] endpoints) => new()
    {
        Metadata = new ObjectMeta { Name = "web-abc12", Namespace = "default" },
        AddressType = addressType,
        Endpoints = endpoints.Length == 0 ? [At("10.244.0.5")] : [.. endpoints],
        Ports = [new EndpointPort("http", "TCP", 8080)],
    };

    private static List<FieldError> Create(EndpointSlice slice, ValidationOptions? options = null) =>
        EndpointSliceValidation.ValidateCreate(slice, options ?? ValidationOptions.Default);

    [Fact]
    public void EPS_1_ATypicalSliceIsValid()
    {
        var slice = Make(AddressTypes.IPv4, At("10.244.0.5") with { Hostname = "web-0", NodeName = "node-a", Zone = "z1" }, At("10.244.1.7")) with
        {
            Ports = [new EndpointPort("http", "TCP", 8080, "kubernetes.io/h2c"), new EndpointPort("", "UDP", null)],
        };
        ErrorAssert.Empty(Create(slice));
        ErrorAssert.Empty(Create(Make(AddressTypes.IPv6, At("fd00::5"))));
        ErrorAssert.Empty(Create(Make(AddressTypes.Fqdn, At("db.example.com"))));
    }

    [Fact]
    public void EPS_4_MetadataNameIsASubdomain()
    {
        var slice = Make() with { Metadata = new ObjectMeta { Name = "Web", Namespace = "default" } };
        Assert.Equal("metadata.name: Invalid value: \"Web\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')", Assert.Single(Create(slice)).ToString());
    }

    [Theory]
    [InlineData("", "addressType: Required value")]
    [InlineData("IP", "addressType: Unsupported value: \"IP\": supported values: \"FQDN\", \"IPv4\", \"IPv6\"")]
    public void EPS_1_AddressTypeRequiredAndSupported(string addressType, string expected) =>
        ErrorAssert.Equal([expected], Create(Make(addressType)));

    [Fact]
    public void EPS_1_AddressTypeImmutable()
    {
        var old = Make() with { Endpoints = [] };
        ErrorAssert.Equal(
            ["addressType: Invalid value: \"IPv6\": field is immutable"],
            EndpointSliceValidation.ValidateUpdate(old with { AddressType = AddressTypes.IPv6 }, old, ValidationOptions.Default));
        ErrorAssert.Empty(EndpointSliceValidation.ValidateUpdate(Make(), old, ValidationOptions.Default));
    }

    [Fact]
    public void EPS_4_TooManyEndpointsReportedAlone()
    {
        var slice = Make() with { Endpoints = [.. Enumerable.Range(0, 1001).Select(_ => At("bad"))] };
        ErrorAssert.Equal(["endpoints: Too many: 1001: must have at most 1000 items"], Create(slice));
        ErrorAssert.Empty(Create(Make() with { Endpoints = [.. Enumerable.Range(0, 1000).Select(i => At($"10.244.{i / 250}.{(i % 250) + 1}"))] }));
    }

    [Fact]
    public void EPS_4_EndpointHasOneToHundredAddresses()
    {
        var many = At([.. Enumerable.Range(1, 101).Select(i => $"10.244.0.{i}")]);
        ErrorAssert.Equal(
        [
            "endpoints[0].addresses: Required value: must contain at least 1 address",
            "endpoints[1].addresses: Too many: 101: must have at most 100 items",
        ], Create(Make(AddressTypes.IPv4, At(), many)));
    }

    [Fact]
    public void EPS_1_AddressesMatchTheFamilyAndAreNotSpecial()
    {
        ErrorAssert.Equal(
        [
            "endpoints[0].addresses[0]: Invalid value: \"10.244.0\": " + IPMessage,
            "endpoints[0].addresses[1]: Invalid value: \"fd00::5\": must be a valid IPv4 address",
            "endpoints[0].addresses[2]: Invalid value: \"127.0.0.1\": may not be in the loopback range (127.0.0.0/8, ::1/128)",
            "endpoints[0].addresses[3]: Invalid value: \"169.254.169.254\": may not be in the link-local range (169.254.0.0/16, fe80::/10)",
            "endpoints[1].addresses[0]: Invalid value: \"0.0.0.0\": may not be unspecified (0.0.0.0)",
        ], Create(Make(AddressTypes.IPv4, At("10.244.0", "fd00::5", "127.0.0.1", "169.254.169.254"), At("0.0.0.0"))));
        ErrorAssert.Equal(
        [
            "endpoints[0].addresses[0]: Invalid value: \"10.244.0.5\": must be a valid IPv6 address",
            "endpoints[0].addresses[1]: Invalid value: \"fe80::1\": may not be in the link-local range (169.254.0.0/16, fe80::/10)",
        ], Create(Make(AddressTypes.IPv6, At("10.244.0.5", "fe80::1"))));
    }

    [Fact]
    public void EPS_1_LoopbackAllowedByOption()
    {
        ErrorAssert.Empty(Create(Make(AddressTypes.IPv4, At("127.0.0.2")), new ValidationOptions { AllowLoopbackAddresses = true }));
    }

    [Theory]
    [InlineData("db.example.com.", null)]
    [InlineData("", "endpoints[0].addresses[0]: Required value")]
    [InlineData("db", "endpoints[0].addresses[0]: Invalid value: \"db\": should be a domain with at least two segments separated by dots")]
    [InlineData("Db.example.com", "endpoints[0].addresses[0]: Invalid value: \"Db.example.com\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")]
    public void EPS_1_FqdnAddresses(string address, string? expected) =>
        ErrorAssert.Equal(expected is null ? [] : [expected], Create(Make(AddressTypes.Fqdn, At(address))));

    [Fact]
    public void EPS_1_HostnameIsALabelAndNodeNameASubdomain()
    {
        ErrorAssert.Equal(
        [
            "endpoints[0].nodeName: Invalid value: \"Node_A\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
            "endpoints[0].hostname: Invalid value: \"web.0\": must not contain dots",
        ], Create(Make(AddressTypes.IPv4, At("10.244.0.5") with { Hostname = "web.0", NodeName = "Node_A" })));
    }

    [Fact]
    public void EPS_1_PortsNamedUniquelyWithProtocol()
    {
        var slice = Make() with
        {
            Ports =
            [
                new EndpointPort("http", "TCP", 8080),
                new EndpointPort("http", "UDP", 8080),
                new EndpointPort("", "TCP", null),
                new EndpointPort("", "TCP", 9090),
                new EndpointPort("HTTP", "", 0),
                new EndpointPort("x", "HTTP", 70000, "-bad"),
            ],
        };
        ErrorAssert.Equal(
        [
            "ports[1].name: Duplicate value: \"http\"",
            "ports[3].name: Duplicate value: \"\"",
            "ports[4].name: Invalid value: \"HTTP\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
            "ports[4].protocol: Required value",
            "ports[4].port: Invalid value: 0: must be between 1 and 65535, inclusive",
            "ports[5].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\"",
            "ports[5].port: Invalid value: 70000: must be between 1 and 65535, inclusive",
            "ports[5].appProtocol: Invalid value: \"-bad\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
        ], Create(slice));
    }

    [Fact]
    public void EPS_1_AtMostHundredPorts()
    {
        var slice = Make() with { Ports = [.. Enumerable.Range(0, 101).Select(i => new EndpointPort($"p{i}", "TCP", 1000 + i))] };
        ErrorAssert.Equal(["ports: Too many: 101: must have at most 100 items"], Create(slice));
    }
}
