using RoutingCore.Model;
using RoutingCore.Selectors;
using RoutingCore.Validation;

namespace RoutingCore.Tests.Validation;

public sealed class DeploymentValidationTests
{
    private static Deployment Deployment(LabelSelector? selector, int? replicas = 2, string app = "web") => new()
    {
        Metadata = new ObjectMeta { Name = "web", Namespace = "default" },
        Spec = new DeploymentSpec
        {
            Replicas = replicas,
            Selector = selector,
            Template = new PodTemplateSpec
            {
                Metadata = new ObjectMeta { Labels = Labels.Of(("app", app)) },
                Spec = new PodSpec { Containers = [new Container { Name = "main", Image = "echoserver" }] },
            },
        },
    };

    private static readonly LabelSelector Web = new() { MatchLabels = Labels.Of(("app", "web")) };

    [Fact]
    public void AValidDeploymentHasNoErrors() =>
        Assert.Empty(DeploymentValidation.ValidateCreate(Deployment(Web), ValidationOptions.Default));

    [Fact]
    public void SelectorReplicasAndTemplateAreChecked()
    {
        Assert.Equal(["spec.selector: Required value"], DeploymentValidation.ValidateCreate(Deployment(null), ValidationOptions.Default).Select(e => e.ToString()));
        Assert.Equal(["spec.replicas: Invalid value: -1: must be greater than or equal to 0"],
            DeploymentValidation.ValidateCreate(Deployment(Web, replicas: -1), ValidationOptions.Default).Select(e => e.ToString()));
        var mismatch = Assert.Single(DeploymentValidation.ValidateCreate(Deployment(Web, app: "api"), ValidationOptions.Default));
        Assert.StartsWith("spec.template.metadata.labels: Invalid value: {", mismatch.ToString(), StringComparison.Ordinal);
        Assert.EndsWith(": `selector` does not match template `labels`", mismatch.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TheSelectorIsImmutable()
    {
        var errors = DeploymentValidation.ValidateUpdate(Deployment(new LabelSelector { MatchLabels = Labels.Of(("app", "web"), ("v", "2")) }) with
        {
            Spec = Deployment(Web).Spec with { Selector = new LabelSelector { MatchLabels = Labels.Of(("app", "web"), ("v", "2")) }, Template = Deployment(Web).Spec.Template with { Metadata = new ObjectMeta { Labels = Labels.Of(("app", "web"), ("v", "2")) } } },
        }, Deployment(Web), ValidationOptions.Default);
        Assert.Equal("spec.selector: Invalid value: \"app=web,v=2\": field is immutable", Assert.Single(errors).ToString());
    }
}
