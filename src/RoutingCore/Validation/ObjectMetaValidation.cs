using System.Text;
using RoutingCore.Model;

namespace RoutingCore.Validation;

/// <summary>Validation of <see cref="ObjectMeta"/> shared by every kind: name, generateName, namespace, labels, annotations (§1, §2).</summary>
public static class ObjectMetaValidation
{
    /// <summary>The total size limit of annotations, in bytes (LBL-3).</summary>
    public const int TotalAnnotationSizeLimit = 262144;

    private static readonly FieldPath Metadata = FieldPath.Root("metadata");

    /// <summary>
    /// Validates <paramref name="meta"/> of an object of <paramref name="kind"/>, appending to <paramref name="errors"/>.
    /// The name format is the one NAME-6 assigns to the kind.
    /// </summary>
    public static void Validate(ObjectMeta meta, ObjectKind kind, ValidationOptions options, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(meta);
        ArgumentNullException.ThrowIfNull(errors);
        var nameRule = NameRuleFor(kind, options);
        if (meta.Name.Length == 0 && string.IsNullOrEmpty(meta.GenerateName))
        {
            errors.Add(FieldError.Required(Metadata.Child("name"), "name or generateName is required"));
        }

        if (!string.IsNullOrEmpty(meta.GenerateName))
        {
            // NAME-7: the prefix is checked as a name, except that a trailing '-' is allowed.
            var prefix = meta.GenerateName.EndsWith('-') ? meta.GenerateName[..^1] : meta.GenerateName;
            if (prefix.Length > 0)
            {
                foreach (var message in nameRule(prefix))
                {
                    errors.Add(FieldError.Invalid(Metadata.Child("generateName"), meta.GenerateName, message));
                }
            }
        }

        if (meta.Name.Length > 0)
        {
            foreach (var message in nameRule(meta.Name))
            {
                errors.Add(FieldError.Invalid(Metadata.Child("name"), meta.Name, message));
            }
        }

        if (kind.IsNamespaced())
        {
            if (meta.Namespace.Length == 0)
            {
                errors.Add(FieldError.Required(Metadata.Child("namespace")));
            }
            else
            {
                foreach (var message in NameRules.Dns1123Label(meta.Namespace))
                {
                    errors.Add(FieldError.Invalid(Metadata.Child("namespace"), meta.Namespace, message));
                }
            }
        }
        else if (meta.Namespace.Length > 0)
        {
            errors.Add(FieldError.Forbidden(Metadata.Child("namespace"), "not allowed on this type"));
        }

        ValidateLabels(meta.Labels, Metadata.Child("labels"), errors);
        ValidateAnnotations(meta.Annotations, Metadata.Child("annotations"), errors);
    }

    /// <summary>LBL-1/LBL-2 for every label, reported at <paramref name="path"/> (upstream does not index label errors by key).</summary>
    public static void ValidateLabels(IReadOnlyDictionary<string, string> labels, FieldPath path, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(errors);
        foreach (var (key, value) in labels)
        {
            foreach (var message in NameRules.QualifiedName(key))
            {
                errors.Add(FieldError.Invalid(path, key, message));
            }

            foreach (var message in NameRules.LabelValue(value))
            {
                errors.Add(FieldError.Invalid(path, value, message));
            }
        }
    }

    /// <summary>LBL-3: annotation keys are qualified names (checked in lower case); the total size is at most 256 KiB.</summary>
    public static void ValidateAnnotations(IReadOnlyDictionary<string, string> annotations, FieldPath path, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(annotations);
        ArgumentNullException.ThrowIfNull(errors);
        long total = 0;
        foreach (var (key, value) in annotations)
        {
            foreach (var message in NameRules.QualifiedName(key.ToLowerInvariant()))
            {
                errors.Add(FieldError.Invalid(path, key, message));
            }

            total += Encoding.UTF8.GetByteCount(key) + Encoding.UTF8.GetByteCount(value);
        }

        if (total > TotalAnnotationSizeLimit)
        {
            errors.Add(FieldError.TooLong(path, TotalAnnotationSizeLimit));
        }
    }

    /// <summary>The name format of a kind (NAME-6).</summary>
    public static Func<string, IReadOnlyList<string>> NameRuleFor(ObjectKind kind, ValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return kind switch
        {
            ObjectKind.Namespace => NameRules.Dns1123Label,
            ObjectKind.Service => options.RelaxedServiceNames ? NameRules.Dns1123Label : NameRules.Dns1035Label,
            _ => NameRules.Dns1123Subdomain,
        };
    }
}
