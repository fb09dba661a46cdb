using RoutingCore.Model;
using RoutingCore.Validation;
using static RoutingCore.Tests.Validation.IngressSamples;

namespace RoutingCore.Tests.Validation;

public sealed class IngressBackendValidationTests
{
    private const string Backend = "spec.rules[0].http.paths[0].backend";
    private const string Default = "spec.defaultBackend";

    private static readonly TypedLocalObjectReference Bucket = new("storage.example.com", "Bucket", "assets");

    [Fact]
    public void ING_V8_BothBackendsShortCircuit()
    {
        var both = new IngressBackend { Service = new IngressServiceBackend(), Resource = Bucket };
        Assert.Equal([$"{Backend}: Invalid value: \"\": cannot set both resource and service backends"], Create(WithPath(Path("/", PathTypes.Prefix, both))));
        Assert.Equal([$"{Default}: Invalid value: \"\": cannot set both resource and service backends"], Create(WithDefaultBackend(both)));
    }

    [Fact]
    public void ING_V8_ABackendIsRequired()
    {
        Assert.Equal([$"{Backend}: Invalid value: \"\": resource or service backend is required"], Create(WithPath(Path("/", PathTypes.Prefix, new IngressBackend()))));
        Assert.Equal([$"{Default}: Invalid value: \"\": resource or service backend is required"], Create(WithDefaultBackend(new IngressBackend())));
    }

    [Fact]
    public void ING_V9_ServiceNameIsRequired()
    {
        Assert.Equal([$"{Default}.service.name: Required value"], Create(WithDefaultBackend(Service("", 80))));
    }

    [Theory]
    [InlineData("Web")]
    [InlineData("1web")]
    [InlineData("web.api")]
    public void ING_V9_ServiceNameIsADns1035Label(string name)
    {
        Assert.Equal([$"{Default}.service.name: Invalid value: \"{name}\": {NameRules.Dns1035LabelMessage}"], Create(WithDefaultBackend(Service(name, 80))));
    }

    [Fact]
    public void ING_V9_RelaxedServiceNamesAcceptDns1123Labels()
    {
        var relaxed = new ValidationOptions { RelaxedServiceNames = true };
        Assert.Empty(Create(WithDefaultBackend(Service("1web", 80)), relaxed));
        Assert.Equal([$"{Default}.service.name: Invalid value: \"web.api\": must not contain dots"], Create(WithDefaultBackend(Service("web.api", 80)), relaxed));
    }

    [Fact]
    public void ING_V9_PortNameAndNumberAreExclusive()
    {
        var both = new IngressBackend { Service = new IngressServiceBackend { Name = "web", Port = new ServiceBackendPort { Name = "http", Number = 80 } } };
        Assert.Equal([$"{Default}: Invalid value: \"\": cannot set both port name & port number"], Create(WithDefaultBackend(both)));
        Assert.Equal([$"{Default}: Required value: port name or number is required"], Create(WithDefaultBackend(Service("web", 0))));
        Assert.Equal([$"{Default}: Required value: port name or number is required"], Create(WithDefaultBackend(ServicePortName("web", ""))));
    }

    [Theory]
    [InlineData(65536)]
    [InlineData(-1)]
    public void ING_V9_PortNumberRange(int number)
    {
        Assert.Equal([$"{Default}.service.port.number: Invalid value: {number}: must be between 1 and 65535, inclusive"], Create(WithDefaultBackend(Service("web", number))));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(65535)]
    public void ING_V9_PortNumberBounds(int number)
    {
        Assert.Empty(Create(WithDefaultBackend(Service("web", number))));
    }

    [Fact]
    public void ING_V9_PortNameIsAnIanaServiceName()
    {
        Assert.Empty(Create(WithDefaultBackend(ServicePortName("web", "http-alt"))));
        Assert.Equal(
            [
                $"{Default}.service.port.name: Invalid value: \"-1234567890123456--\": must be no more than 15 characters",
                $"{Default}.service.port.name: Invalid value: \"-1234567890123456--\": must contain at least one letter (a-z)",
                $"{Default}.service.port.name: Invalid value: \"-1234567890123456--\": must not contain consecutive hyphens",
                $"{Default}.service.port.name: Invalid value: \"-1234567890123456--\": must not begin or end with a hyphen",
            ],
            Create(WithDefaultBackend(ServicePortName("web", "-1234567890123456--"))));
        Assert.Equal(
            [$"{Default}.service.port.name: Invalid value: \"HTTP\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)",
             $"{Default}.service.port.name: Invalid value: \"HTTP\": must contain at least one letter (a-z)"],
            Create(WithDefaultBackend(ServicePortName("web", "HTTP"))));
    }

    [Fact]
    public void ING_V9_ServiceNameAndPortErrorsAreBothReported()
    {
        Assert.Equal(
            [$"{Backend}.service.name: Required value", $"{Backend}: Required value: port name or number is required"],
            Create(WithPath(Path("/", PathTypes.Prefix, new IngressBackend { Service = new IngressServiceBackend() }))));
    }

    [Fact]
    public void ING_V10_ResourceBackend()
    {
        Assert.Empty(Create(WithDefaultBackend(new IngressBackend { Resource = Bucket })));
        Assert.Empty(Create(WithDefaultBackend(new IngressBackend { Resource = Bucket with { ApiGroup = null } })));
        Assert.Equal(
            [$"{Default}.resource.kind: Required value", $"{Default}.resource.name: Required value"],
            Create(WithDefaultBackend(new IngressBackend { Resource = new TypedLocalObjectReference(null, "", "") })));
        Assert.Equal(
            [
                $"{Default}.resource.apiGroup: Invalid value: \"Storage\": {NameRules.Dns1123SubdomainMessage}",
                $"{Default}.resource.kind: Invalid value: \"..\": may not be '..'",
                $"{Default}.resource.name: Invalid value: \"a/b%c\": may not contain '/'",
                $"{Default}.resource.name: Invalid value: \"a/b%c\": may not contain '%'",
            ],
            Create(WithDefaultBackend(new IngressBackend { Resource = new TypedLocalObjectReference("Storage", "..", "a/b%c") })));
    }
}
