using RoutingCore.Model;
using RoutingCore.Validation;

namespace RoutingCore.Tests.Validation;

public sealed class NamespaceNodeValidationTests
{
    private static readonly ValidationOptions Options = ValidationOptions.Default;

    private static string[] Create(Namespace ns) => [.. NamespaceValidation.ValidateCreate(ns, Options).Select(e => e.ToString())];

    private static string[] Create(Node node) => [.. NodeValidation.ValidateCreate(node, Options).Select(e => e.ToString())];

    [Fact]
    public void NAME_6_NamespaceNameIsALabel()
    {
        Assert.Empty(Create(new Namespace { Metadata = new ObjectMeta { Name = "team-a" } }));
        Assert.Equal(["metadata.name: Invalid value: \"team.a\": must not contain dots"], Create(new Namespace { Metadata = new ObjectMeta { Name = "team.a" } }));
        var longName = new string('n', 64);
        Assert.Equal([$"metadata.name: Invalid value: \"{longName}\": must be no more than 63 characters"], Create(new Namespace { Metadata = new ObjectMeta { Name = longName } }));
        Assert.Equal(["metadata.name: Required value: name or generateName is required"], Create(new Namespace()));
    }

    [Fact]
    public void NS_2_NamespaceHasNoNamespace()
    {
        var ns = new Namespace { Metadata = new ObjectMeta { Name = "a", Namespace = "default" } };
        Assert.Equal(["metadata.namespace: Forbidden: not allowed on this type"], Create(ns));
        Assert.Equal(Create(ns), NamespaceValidation.ValidateUpdate(ns, ns, Options).Select(e => e.ToString()));
    }

    private static Node Node(params NodeAddress[] addresses) => new() { Metadata = new ObjectMeta { Name = "node-1.example.com" }, Addresses = [.. addresses] };

    [Fact]
    public void NodeNameIsASubdomainAndTheNodeIsClusterScoped()
    {
        Assert.Empty(Create(Node(new NodeAddress("InternalIP", "10.0.0.1"), new NodeAddress("Hostname", "node-1"))));
        var bad = Node() with { Metadata = new ObjectMeta { Name = "Node_1", Namespace = "default" } };
        Assert.Equal(
            ["metadata.name: Invalid value: \"Node_1\": " + NameRules.Dns1123SubdomainMessage, "metadata.namespace: Forbidden: not allowed on this type"],
            Create(bad));
    }

    [Fact]
    public void NodeAddressesAreSane()
    {
        Assert.Equal(
            [
                "status.addresses[0].type: Required value",
                "status.addresses[1].type: Unsupported value: \"Public\": supported values: \"ExternalDNS\", \"ExternalIP\", \"Hostname\", \"InternalDNS\", \"InternalIP\"",
                "status.addresses[2].address: Required value",
                "status.addresses[3].address: Invalid value: \"10.0.0.256\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)",
                "status.addresses[4].address: Invalid value: \"Node_1\": " + NameRules.Dns1123SubdomainMessage,
            ],
            Create(Node(
                new NodeAddress("", "10.0.0.1"),
                new NodeAddress("Public", "10.0.0.1"),
                new NodeAddress("ExternalIP", ""),
                new NodeAddress("InternalIP", "10.0.0.256"),
                new NodeAddress("InternalDNS", "Node_1"))));
    }

    [Fact]
    public void NodeAddressesAreUnique()
    {
        var errors = Create(Node(new NodeAddress("InternalIP", "10.0.0.1"), new NodeAddress("ExternalIP", "10.0.0.1"), new NodeAddress("InternalIP", "10.0.0.1")));
        var error = Assert.Single(errors);
        Assert.StartsWith("status.addresses[2]: Duplicate value: {", error, StringComparison.Ordinal);
        Assert.Contains("10.0.0.1", error, StringComparison.Ordinal);
        Assert.Equal(errors, NodeValidation.ValidateUpdate(Node(new NodeAddress("InternalIP", "10.0.0.1"), new NodeAddress("ExternalIP", "10.0.0.1"), new NodeAddress("InternalIP", "10.0.0.1")), Node(), Options).Select(e => e.ToString()));
    }
}
