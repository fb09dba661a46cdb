using RoutingCore.Model;
using RoutingCore.Validation;

namespace RoutingCore.Tests.Validation;

public sealed class EndpointsValidationTests
{
    private static Endpoints Make(params EndpointSubset[] subsets) => new()
    {
        Metadata = new ObjectMeta { Name = "web", Namespace = "default" },
        Subsets = [.. subsets],
    };

    private static EndpointSubset Subset(EndpointAddress[] ready, EndpointAddress[]? notReady = null, params EndpointPort[] ports) =>
        new() { Addresses = [.. ready], NotReadyAddresses = [.. notReady ?? []], Ports = [.. ports] };

    private static List<FieldError> Create(Endpoints endpoints) =>
        EndpointsValidation.ValidateCreate(EndpointsDefaults.Apply(endpoints), ValidationOptions.Default);

    [Fact]
    public void EP_1_ATypicalEndpointsObjectIsValid()
    {
        var endpoints = Make(Subset([new EndpointAddress("10.244.0.5", "web-0", "node-a")], [new EndpointAddress("10.244.0.6")], new EndpointPort("http", "", 8080), new EndpointPort("dns", "UDP", 53)));
        ErrorAssert.Empty(Create(endpoints));
        ErrorAssert.Empty(EndpointsValidation.ValidateUpdate(EndpointsDefaults.Apply(endpoints), endpoints, ValidationOptions.Default));
    }

    [Fact]
    public void EP_1_ProtocolDefaultsToTcp()
    {
        var defaulted = EndpointsDefaults.Apply(Make(Subset([new EndpointAddress("10.244.0.5")], null, new EndpointPort("", "", 80))));
        Assert.Equal("TCP", defaulted.Subsets[0].Ports[0].Protocol);
        ErrorAssert.Equal(
            ["subsets[0].ports[0].protocol: Required value"],
            EndpointsValidation.ValidateCreate(Make(Subset([new EndpointAddress("10.244.0.5")], null, new EndpointPort("", "", 80))), ValidationOptions.Default));
    }

    [Fact]
    public void EP_1_SubsetNeedsAnAddress()
    {
        ErrorAssert.Equal(["subsets[0]: Required value: must specify `addresses` or `notReadyAddresses`"], Create(Make(Subset([]))));
    }

    [Fact]
    public void EP_1_AddressesAreValidNonSpecialIPs()
    {
        var endpoints = Make(Subset(
            [new EndpointAddress("10.244.0", "Web", "Node_A"), new EndpointAddress("127.0.0.1", "web.0")],
            [new EndpointAddress("fe80::1")]));
        ErrorAssert.Equal(
        [
            "subsets[0].addresses[0].ip: Invalid value: \"10.244.0\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)",
            "subsets[0].addresses[0].hostname: Invalid value: \"Web\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
            "subsets[0].addresses[0].nodeName: Invalid value: \"Node_A\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
            "subsets[0].addresses[1].hostname: Invalid value: \"web.0\": must not contain dots",
            "subsets[0].addresses[1].ip: Invalid value: \"127.0.0.1\": may not be in the loopback range (127.0.0.0/8, ::1/128)",
            "subsets[0].notReadyAddresses[0].ip: Invalid value: \"fe80::1\": may not be in the link-local range (169.254.0.0/16, fe80::/10)",
        ], Create(endpoints));
    }

    [Fact]
    public void EP_1_PortsNamedWhenSeveralInRangeWithProtocol()
    {
        var endpoints = Make(Subset(
            [new EndpointAddress("10.244.0.5")], null,
            new EndpointPort("http", "TCP", 8080), new EndpointPort("", "TCP", 8081), new EndpointPort("Admin", "SCTP", null), new EndpointPort("x", "HTTP", 65536)));
        ErrorAssert.Equal(
        [
            "subsets[0].ports[1].name: Required value",
            "subsets[0].ports[2].name: Invalid value: \"Admin\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
            "subsets[0].ports[2].port: Invalid value: 0: must be between 1 and 65535, inclusive",
            "subsets[0].ports[3].port: Invalid value: 65536: must be between 1 and 65535, inclusive",
            "subsets[0].ports[3].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\"",
        ], Create(endpoints));
        ErrorAssert.Empty(Create(Make(Subset([new EndpointAddress("10.244.0.5")], null, new EndpointPort("", "TCP", 80)))));
    }

    [Fact]
    public void EP_1_MetadataNameIsASubdomainInANamespace()
    {
        var endpoints = Make(Subset([new EndpointAddress("10.244.0.5")])) with { Metadata = new ObjectMeta { Name = "Web", Namespace = "" } };
        ErrorAssert.Equal(
        [
            "metadata.name: Invalid value: \"Web\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
            "metadata.namespace: Required value",
        ], Create(endpoints));
    }
}
