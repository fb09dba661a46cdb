using RoutingCore.Model;
using RoutingCore.State;
using RoutingCore.Validation;
using static RoutingCore.Tests.State.Fixtures;
using static RoutingCore.Tests.Workloads.WorkloadFixtures;

namespace RoutingCore.Tests.Workloads;

/// <summary>The parts of Deployment validation the Workloads controller relies on (upstream's ValidateDeploymentSpec).</summary>
public sealed class DeploymentStrategyValidationTests
{
    private static List<string> Errors(Deployment deployment) =>
        [.. DeploymentValidation.ValidateCreate(deployment, ValidationOptions.Default).Select(e => e.ToString())];

    private const string Path = "spec.strategy.rollingUpdate.";

    public static TheoryData<string?, string?, string[]> Bounds => new()
    {
        { null, null, [] },
        { "25%", "0", [] },
        { "0", "1", [] },
        { "0", "0", [Path + "maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}: may not be 0 when `maxSurge` is 0"] },
        { "0%", "0", [Path + "maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}: may not be 0 when `maxSurge` is 0"] },
        {
            "1", null,
            [Path + "maxSurge: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"1\"}: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"]
        },
        { "-1", null, [Path + "maxSurge: Invalid value: -1: must be greater than or equal to 0"] },
        { null, "150%", [Path + "maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"150%\"}: must not be greater than 100%"] },
        { "200%", "100%", [] },
    };

    [Theory]
    [MemberData(nameof(Bounds))]
    public void RollingUpdateBoundsAreIntegersOrPercentagesNotBothZero(string? maxSurge, string? maxUnavailable, string[] expected)
    {
        // Quoted numbers are strings in the manifest; the percentage tests use them to reach the percent rule.
        static IntOrString? Parse(string? value, bool quoted) => value switch
        {
            null => (IntOrString?)null,
            _ when quoted || value.EndsWith('%') => IntOrString.FromName(value),
            _ => IntOrString.FromNumber(int.Parse(value)),
        };
        var quotedSurge = maxSurge == "1";
        Assert.Equal(expected, Errors(Deployment(strategy: Rolling(Parse(maxSurge, quotedSurge), Parse(maxUnavailable, quoted: false)))));
    }

    [Fact]
    public void RecreateTakesNoRollingUpdateBounds()
    {
        Assert.Empty(Errors(Deployment(strategy: new DeploymentStrategy { Type = "Recreate" })));
        Assert.Equal(
            ["spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"],
            Errors(Deployment(strategy: new DeploymentStrategy { Type = "Recreate", RollingUpdate = new RollingUpdateDeployment(1, 1) })));
        Assert.Equal(
            ["spec.strategy.type: Unsupported value: \"BlueGreen\": supported values: \"Recreate\", \"RollingUpdate\""],
            Errors(Deployment(strategy: new DeploymentStrategy { Type = "BlueGreen" })));
    }

    [Fact]
    public void MinReadySecondsAndRevisionHistoryLimitAreNotNegative() =>
        Assert.Equal(
            ["spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0", "spec.revisionHistoryLimit: Invalid value: -2: must be greater than or equal to 0"],
            Errors(Deployment() with { Spec = Deployment().Spec with { MinReadySeconds = -1, RevisionHistoryLimit = -2 } }));

    [Fact]
    public void TheTemplateMustMakeValidPods()
    {
        var deployment = Deployment();
        var container = deployment.Spec.Template.Spec.Containers[0];
        var twice = deployment with
        {
            Spec = deployment.Spec with
            {
                Template = deployment.Spec.Template with
                {
                    Metadata = deployment.Spec.Template.Metadata with { Annotations = Labels.Of(("bad key", "x")) },
                    Spec = deployment.Spec.Template.Spec with { Containers = [container, container with { Ports = [] }] },
                },
            },
        };
        var errors = Errors(twice);
        Assert.Equal(2, errors.Count);
        Assert.StartsWith("spec.template.metadata.annotations: Invalid value: \"bad key\": name part must consist of", errors[0], StringComparison.Ordinal);
        Assert.Equal("spec.template.spec.containers[1].name: Duplicate value: \"main\"", errors[1]);

        var none = deployment with { Spec = deployment.Spec with { Template = deployment.Spec.Template with { Spec = new PodSpec() } } };
        Assert.Equal(["spec.template.spec.containers: Required value"], Errors(none));
    }

    [Fact]
    public void TheStoreRefusesAnInvalidDeployment()
    {
        var state = NewState();
        var error = Assert.Throws<ApiException>(() => state.Create(Deployment(strategy: Rolling(0, 0))));
        Assert.Equal(
            "Deployment.apps \"web\" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}: may not be 0 when `maxSurge` is 0",
            error.Message);
    }
}
