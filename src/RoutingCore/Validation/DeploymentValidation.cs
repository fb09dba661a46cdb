using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using RoutingCore.Model;
using RoutingCore.Selectors;

namespace RoutingCore.Validation;

/// <summary>Validation of apps/v1 Deployments (upstream's <c>ValidateDeployment</c>, the parts RoutingCore acts on).</summary>
public static class DeploymentValidation
{
    private static readonly FieldPath Spec = FieldPath.Root("spec");
    /// <summary>The default of an unset maxSurge or maxUnavailable.</summary>
    internal static readonly IntOrString DefaultBound = IntOrString.FromName("25%");

    private const string PercentMessage =
        "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

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
        ObjectMetaValidation.ValidateAnnotations(spec.Template.Metadata.Annotations, Spec.Child("template", "metadata", "annotations"), errors);
        ValidateTemplateSpec(spec.Template.Spec, errors);
        ValidateStrategy(spec.Strategy, Spec.Child("strategy"), errors);
        if (spec.MinReadySeconds < 0)
        {
            errors.Add(FieldError.Invalid(Spec.Child("minReadySeconds"), spec.MinReadySeconds, "must be greater than or equal to 0"));
        }

        if (spec.RevisionHistoryLimit is < 0)
        {
            errors.Add(FieldError.Invalid(Spec.Child("revisionHistoryLimit"), spec.RevisionHistoryLimit.Value, "must be greater than or equal to 0"));
        }
    }

    // The pods the template makes must pass pod validation (upstream's ValidatePodTemplateSpec), checked on the
    // defaulted spec as the Workloads controller creates pods from it; pod paths are re-rooted under spec.template.
    private static void ValidateTemplateSpec(PodSpec spec, List<FieldError> errors)
    {
        var pod = PodDefaults.Apply(new Pod { Metadata = new ObjectMeta { Name = "template", Namespace = "default" }, Spec = spec });
        foreach (var error in PodValidation.ValidateCreate(pod, ValidationOptions.Default))
        {
            errors.Add(new FieldError(error.Type, "spec.template." + error.Path, error.BadValue, error.Detail));
        }
    }

    private static void ValidateStrategy(DeploymentStrategy strategy, FieldPath path, List<FieldError> errors)
    {
        switch (strategy.Type)
        {
            case "Recreate":
                if (strategy.RollingUpdate is not null)
                {
                    errors.Add(FieldError.Forbidden(path.Child("rollingUpdate"), "may not be specified when strategy `type` is 'Recreate'"));
                }

                break;
            case "" or "RollingUpdate":
                if (strategy.RollingUpdate is { } rolling)
                {
                    ValidateRollingUpdate(rolling, path.Child("rollingUpdate"), errors);
                }

                break;
            default:
                errors.Add(FieldError.NotSupported(path.Child("type"), strategy.Type, ["Recreate", "RollingUpdate"]));
                break;
        }
    }

    // Upstream's ValidateRollingUpdateDeployment; an unset bound is defaulted to 25% first, so only explicit zeros
    // can make both zero.
    private static void ValidateRollingUpdate(RollingUpdateDeployment rolling, FieldPath path, List<FieldError> errors)
    {
        var maxUnavailable = rolling.MaxUnavailable ?? DefaultBound;
        var maxSurge = rolling.MaxSurge ?? DefaultBound;
        ValidateIntOrPercent(maxUnavailable, path.Child("maxUnavailable"), errors);
        ValidateIntOrPercent(maxSurge, path.Child("maxSurge"), errors);
        if (IntOrPercentValue(maxUnavailable) == 0 && IntOrPercentValue(maxSurge) == 0)
        {
            errors.Add(FieldError.Invalid(path.Child("maxUnavailable"), new GoIntOrString(maxUnavailable), "may not be 0 when `maxSurge` is 0"));
        }

        if (Percent(maxUnavailable) is > 100)
        {
            errors.Add(FieldError.Invalid(path.Child("maxUnavailable"), new GoIntOrString(maxUnavailable), "must not be greater than 100%"));
        }
    }

    private static void ValidateIntOrPercent(IntOrString value, FieldPath path, List<FieldError> errors)
    {
        if (value.IsName)
        {
            if (Percent(value) is null)
            {
                errors.Add(FieldError.Invalid(path, new GoIntOrString(value), PercentMessage));
            }
        }
        else if (value.Number < 0)
        {
            errors.Add(FieldError.Invalid(path, value.Number, "must be greater than or equal to 0"));
        }
    }

    private static int IntOrPercentValue(IntOrString value) => value.IsName ? Percent(value) ?? 0 : value.Number;

    /// <summary>The N of a valid <c>N%</c> string, else null (upstream's <c>getPercentValue</c>); saturates at int.MaxValue.</summary>
    internal static int? Percent(IntOrString value)
    {
        if (!value.IsName || value.Name!.Length < 2 || value.Name[^1] != '%')
        {
            return null;
        }

        var digits = value.Name.AsSpan(0, value.Name.Length - 1);
        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
            {
                return null;
            }
        }

        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var percent) ? percent : int.MaxValue;
    }

    /// <summary>
    /// An IntOrString as kube-apiserver shows it in these errors: the internal API holds it by value, and Go's
    /// <c>%#v</c> of that struct prints <c>intstr.IntOrString{Type:1, IntVal:0, StrVal:"1"}</c>.
    /// </summary>
    [JsonConverter(typeof(GoIntOrStringConverter))]
    private sealed record GoIntOrString(IntOrString Value)
    {
        public override string ToString() => Value.IsName
            ? "intstr.IntOrString{Type:1, IntVal:0, StrVal:" + GoQuote.Quote(Value.Name!) + "}"
            : string.Create(CultureInfo.InvariantCulture, $"intstr.IntOrString{{Type:0, IntVal:{Value.Number}, StrVal:\"\"}}");
    }

    // FieldError renders composite values as JSON; this writes the Go rendering verbatim instead.
    private sealed class GoIntOrStringConverter : JsonConverter<GoIntOrString>
    {
        public override GoIntOrString Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException();

        public override void Write(Utf8JsonWriter writer, GoIntOrString value, JsonSerializerOptions options) =>
            writer.WriteRawValue(value.ToString(), skipInputValidation: true);
    }
}
