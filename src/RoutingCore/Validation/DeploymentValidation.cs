using RoutingCore.Model;
using RoutingCore.Selectors;

namespace RoutingCore.Validation;

/// <summary>Validation of apps/v1 Deployments (upstream's <c>ValidateDeployment</c>, the parts RoutingCore acts on).</summary>
public static class DeploymentValidation
{
    private static readonly FieldPath Spec = FieldPath.Root("spec");

    /// <summary>Validates a Deployment being created.</summary>
    public static List<FieldError> ValidateCreate(Deployment deployment, ValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var errors = new List<FieldError>();
        ObjectMetaValidation.Validate(deployment.Metadata, ObjectKind.Deployment, options, errors);
        ValidateSpec(deployment.Spec, errors);
        return errors;
    }

    /// <summary>Validates an update; the selector is immutable in apps/v1.</summary>
    public static List<FieldError> ValidateUpdate(Deployment deployment, Deployment old, ValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(old);
        var errors = ValidateCreate(deployment, options);
        var now = deployment.Spec.Selector is null ? null : Selector.FromLabelSelector(deployment.Spec.Selector);
        var before = old.Spec.Selector is null ? null : Selector.FromLabelSelector(old.Spec.Selector);
        if (now is not null && before is not null && !now.Equals(before))
        {
            errors.Add(FieldError.Invalid(Spec.Child("selector"), now.ToString(), "field is immutable"));
        }

        return errors;
    }

    /// <summary>Validates a status update: counts are never negative.</summary>
    public static List<FieldError> ValidateStatusUpdate(Deployment deployment, Deployment old, ValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var errors = new List<FieldError>();
        var status = FieldPath.Root("status");
        foreach (var (name, value) in (ReadOnlySpan<(string, int)>)[
            ("replicas", deployment.Status.Replicas), ("updatedReplicas", deployment.Status.UpdatedReplicas),
            ("readyReplicas", deployment.Status.ReadyReplicas), ("availableReplicas", deployment.Status.AvailableReplicas),
            ("unavailableReplicas", deployment.Status.UnavailableReplicas)])
        {
            if (value < 0)
            {
                errors.Add(FieldError.Invalid(status.Child(name), value, "must be greater than or equal to 0"));
            }
        }

        return errors;
    }

    private static void ValidateSpec(DeploymentSpec spec, List<FieldError> errors)
    {
        if (spec.Replicas is < 0)
        {
            errors.Add(FieldError.Invalid(Spec.Child("replicas"), spec.Replicas.Value, "must be greater than or equal to 0"));
        }

        if (spec.Selector is null)
        {
            errors.Add(FieldError.Required(Spec.Child("selector")));
        }
        else
        {
            var before = errors.Count;
            LabelSelectorValidation.Validate(spec.Selector, Spec.Child("selector"), errors);
            if (errors.Count == before)
            {
                var selector = Selector.FromLabelSelector(spec.Selector);
                if (selector.IsEverything)
                {
                    errors.Add(FieldError.Invalid(Spec.Child("selector"), selector.ToString(), "empty selector is invalid for deployment"));
                }
                else if (!selector.Matches(spec.Template.Metadata.Labels))
                {
                    errors.Add(FieldError.Invalid(Spec.Child("template", "metadata", "labels"), spec.Template.Metadata.Labels, "`selector` does not match template `labels`"));
                }
            }
        }

        ObjectMetaValidation.ValidateLabels(spec.Template.Metadata.Labels, Spec.Child("template", "metadata", "labels"), errors);
        if (spec.Template.Spec.Containers.IsDefaultOrEmpty)
        {
            errors.Add(FieldError.Required(Spec.Child("template", "spec", "containers")));
        }

        if (spec.Strategy.Type is { Length: > 0 } type && type is not ("RollingUpdate" or "Recreate"))
        {
            errors.Add(FieldError.NotSupported(Spec.Child("strategy", "type"), type, ["Recreate", "RollingUpdate"]));
        }
    }
}
