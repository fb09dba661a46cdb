using RoutingCore.Model;
using RoutingCore.Validation;
using static RoutingCore.Tests.Validation.ServiceFixtures;

namespace RoutingCore.Tests.Validation;

public sealed class ServiceClusterIPValidationTests
{
    private const string Composite = ErrorAssert.Composite;

    private static Service WithClusterIPs(string clusterIP, params string[] clusterIPs) =>
        Make().WithSpec(s => s with { ClusterIP = clusterIP, ClusterIPs = [.. clusterIPs] });

    [Fact]
    public void SVC_V8_ClusterIPsRequiredWithoutDefaulting()
    {
        var service = ServiceDefaults.Apply(Make(), null).WithSpec(s => s with { ClusterIP = "10.96.0.20" });
        ErrorAssert.Equal(["spec.clusterIPs: Required value"], ServiceValidation.ValidateCreate(service, ValidationOptions.Default));
    }

    public static TheoryData<string, string[], string[]> ClusterIPCases() => new()
    {
        { "10.96.0.20", ["10.96.0.20"], [] },
        { "10.96.0.20", ["10.96.0.20", "fd00::20"], [] },
        { "10.96.0.20", ["10.96.0.21"], [$"spec.clusterIPs: Invalid value: {Composite}: first value must match `clusterIP`"] },
        { "", ["10.96.0.20"], [$"spec.clusterIPs: Invalid value: {Composite}: must be empty when `clusterIP` is not specified"] },
        { "None", ["None", "10.96.0.20"], [$"spec.clusterIPs: Invalid value: {Composite}: 'None' must be the first and only value"] },
        { "10.96.0.300", [], ["spec.clusterIPs[0]: Invalid value: \"10.96.0.300\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"] },
        {
            "10.96.0.20", ["10.96.0.20", "None"], [
                "spec.clusterIPs[1]: Invalid value: \"None\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)",
            ]
        },
        { "10.96.0.20", ["10.96.0.20", "fd00::20", "10.96.0.21"], [$"spec.clusterIPs: Invalid value: {Composite}: may only hold up to 2 values"] },
        { "10.96.0.20", ["10.96.0.20", "10.96.0.21"], [$"spec.clusterIPs: Invalid value: {Composite}: may specify no more than one IP for each IP family"] },
        {
            // An invalid entry stops the dual-stack check: it would only restate the same mistake.
            "10.96.0.20", ["10.96.0.20", "x", "10.96.0.21"], [
                "spec.clusterIPs[1]: Invalid value: \"x\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)",
                $"spec.clusterIPs: Invalid value: {Composite}: may only hold up to 2 values",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(ClusterIPCases))]
    public void SVC_V8_ClusterIPsRules(string clusterIP, string[] clusterIPs, string[] expected) =>
        ErrorAssert.Equal(expected, Create(WithClusterIPs(clusterIP, clusterIPs)));

    [Fact]
    public void SVC_V8_CompositeValueShowsTheList()
    {
        var error = Assert.Single(Create(WithClusterIPs("10.96.0.20", "10.96.0.21")));
        Assert.StartsWith("spec.clusterIPs: Invalid value: [\"10.96.0.21\"]", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void SVC_V8_IPFamiliesAndPolicyValues()
    {
        var service = WithClusterIPs("10.96.0.20").WithSpec(s => s with { IpFamilies = ["IPv5", "IPv5"], IpFamilyPolicy = "DualStack" });
        ErrorAssert.Equal(
        [
            "spec.ipFamilies[0]: Unsupported value: \"IPv5\": supported values: \"IPv4\", \"IPv6\"",
            "spec.ipFamilies[1]: Unsupported value: \"IPv5\": supported values: \"IPv4\", \"IPv6\"",
            "spec.ipFamilies[1]: Duplicate value: \"IPv5\"",
            "spec.ipFamilyPolicy: Unsupported value: \"DualStack\": supported values: \"PreferDualStack\", \"RequireDualStack\", \"SingleStack\"",
        ], Create(service));
    }

    [Fact]
    public void SVC_V8_ClusterIPsMatchTheirFamilies()
    {
        var service = WithClusterIPs("10.96.0.20", "10.96.0.20", "fd00::20").WithSpec(s => s with { IpFamilies = ["IPv6", "IPv4"] });
        ErrorAssert.Equal(
        [
            "spec.clusterIPs[0]: Invalid value: \"10.96.0.20\": expected an IPv6 value as indicated by `ipFamilies[0]`",
            "spec.clusterIPs[1]: Invalid value: \"fd00::20\": expected an IPv4 value as indicated by `ipFamilies[1]`",
        ], Create(service));
    }

    [Fact]
    public void SVC_V8_NotCheckedForExternalName()
    {
        var service = ServiceDefaults.Apply(Make(ServiceTypes.ExternalName).WithSpec(s => s with { ExternalName = "example.com" }), null)
            .WithSpec(s => s with { ClusterIP = "10.96.0.20" });
        ErrorAssert.Empty(ServiceValidation.ValidateCreate(service, ValidationOptions.Default));
    }

    [Fact]
    public void SVC_V20_ClusterIPMayNotChange()
    {
        var stored = Stored(Make());
        ErrorAssert.Equal(
            [$"spec.clusterIPs[0]: Invalid value: {Composite}: may not change once set"],
            Update(Make().WithSpec(s => s with { ClusterIP = "10.96.0.11" }), stored));
        ErrorAssert.Equal(
            [$"spec.clusterIPs[0]: Invalid value: {Composite}: may not change once set"],
            Update(Make().WithSpec(s => s with { ClusterIP = "None" }), stored));
    }

    [Fact]
    public void SVC_V20_ClusterIPMayChangeToOrFromExternalName()
    {
        var stored = Stored(Make());
        var toExternalName = Make(ServiceTypes.ExternalName).WithSpec(s => s with { ExternalName = "example.com" });
        ErrorAssert.Empty(Update(toExternalName, stored));
        var fromExternalName = Make().WithSpec(s => s with { ClusterIP = "10.96.0.77" });
        ErrorAssert.Empty(Update(fromExternalName, Stored(toExternalName)));
    }

    [Fact]
    public void SVC_V20_SecondaryClusterIPReleasedOnlyWithSingleStack()
    {
        var dual = ServiceDefaults.Apply(WithClusterIPs("10.96.0.10", "10.96.0.10", "fd00::10").WithSpec(s => s with { IpFamilyPolicy = "PreferDualStack" }), null);
        var downgrade = WithClusterIPs("10.96.0.10", "10.96.0.10").WithSpec(s => s with { IpFamilyPolicy = "PreferDualStack" });
        ErrorAssert.Equal(
            ["spec.ipFamilyPolicy: Invalid value: \"PreferDualStack\": must be set to 'SingleStack' when releasing the secondary clusterIP"],
            Update(downgrade, dual));
        ErrorAssert.Empty(Update(downgrade.WithSpec(s => s with { IpFamilyPolicy = "SingleStack" }), dual));
    }
}
