using RoutingCore.Validation;

namespace RoutingCore.Selectors;

/// <summary>Validation of a structured <see cref="LabelSelector"/> (LBL-9), with kube-apiserver's messages.</summary>
public static class LabelSelectorValidation
{
    /// <summary>
    /// Validates <paramref name="selector"/> found at <paramref name="path"/>, appending to <paramref name="errors"/>:
    /// <c>matchLabels</c> as labels (LBL-1, LBL-2), then for each <c>matchExpressions[i]</c> its operator and value count,
    /// its key and its values, in upstream's order. A null selector is valid (it selects nothing, LBL-7).
    /// </summary>
    /// <param name="selector">The selector, or null.</param>
    /// <param name="path">Where the selector sits, such as <c>spec.selector</c>.</param>
    /// <param name="errors">The list to append to.</param>
    public static void Validate(LabelSelector? selector, FieldPath path, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (selector is null)
        {
            return;
        }

        ObjectMetaValidation.ValidateLabels(selector.MatchLabels, path.Child("matchLabels"), errors);
        for (var i = 0; i < selector.MatchExpressions.Length; i++)
        {
            ValidateRequirement(selector.MatchExpressions[i], path.Child("matchExpressions").Index(i), errors);
        }
    }

    private static void ValidateRequirement(LabelSelectorRequirement requirement, FieldPath path, List<FieldError> errors)
    {
        var values = requirement.ValuesOrEmpty;
        switch (requirement.Operator)
        {
            case LabelSelectorOperators.In or LabelSelectorOperators.NotIn:
                if (values.IsEmpty)
                {
                    errors.Add(FieldError.Required(path.Child("values"), "must be specified when `operator` is 'In' or 'NotIn'"));
                }

                break;
            case LabelSelectorOperators.Exists or LabelSelectorOperators.DoesNotExist:
                if (!values.IsEmpty)
                {
                    errors.Add(FieldError.Forbidden(path.Child("values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
                }

                break;
            default:
                errors.Add(FieldError.Invalid(path.Child("operator"), requirement.Operator, "not a valid selector operator"));
                break;
        }

        foreach (var message in NameRules.QualifiedName(requirement.Key))
        {
            errors.Add(FieldError.Invalid(path.Child("key"), requirement.Key, message));
        }

        for (var i = 0; i < values.Length; i++)
        {
            foreach (var message in NameRules.LabelValue(values[i]))
            {
                errors.Add(FieldError.Invalid(path.Child("values").Index(i), values[i], message));
            }
        }
    }
}
