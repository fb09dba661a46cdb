using System.Text;
using RoutingCore.Model;

namespace RoutingCore.Validation;

/// <summary>
/// Validation of core/v1 ConfigMaps (SEC-1), as kube-apiserver's <c>ValidateConfigMap</c>: metadata, each <c>data[key]</c>
/// key (and whether <c>binaryData</c> has it too), each <c>binaryData[key]</c> key, then the 1 MiB total of both.
/// </summary>
public static class ConfigMapValidation
{
    /// <summary>Validates a ConfigMap being created. An empty list means valid.</summary>
    /// <param name="configMap">The ConfigMap.</param>
    /// <param name="options">Validation switches.</param>
    public static List<FieldError> ValidateCreate(ConfigMap configMap, ValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(configMap);
        var errors = new List<FieldError>();
        ObjectMetaValidation.Validate(configMap.Metadata, ObjectKind.ConfigMap, options, errors);
        long total = 0;
        foreach (var (key, value) in configMap.Data)
        {
            var path = FieldPath.Root("data").Key(key);
            errors.AddInvalid(path, key, DataKeyRules.Check(key));
            if (configMap.BinaryData.ContainsKey(key))
            {
                errors.Add(FieldError.Invalid(path, key, "duplicate of key present in binaryData"));
            }

            total += Encoding.UTF8.GetByteCount(value);
        }

        foreach (var (key, value) in configMap.BinaryData)
        {
            errors.AddInvalid(FieldPath.Root("binaryData").Key(key), key, DataKeyRules.Check(key));
            total += value.IsDefault ? 0 : value.Length;
        }

        if (total > DataKeyRules.MaxTotalSize)
        {
            // Upstream reports the size of the whole object, at the empty path.
            errors.Add(FieldError.TooLong(FieldPath.Empty, DataKeyRules.MaxTotalSize));
        }

        return errors;
    }

    /// <summary>Validates an update: the same checks as create (RoutingCore has no immutable ConfigMaps).</summary>
    /// <param name="configMap">The new ConfigMap.</param>
    /// <param name="old">The stored ConfigMap.</param>
    /// <param name="options">Validation switches.</param>
    public static List<FieldError> ValidateUpdate(ConfigMap configMap, ConfigMap old, ValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(old);
        return ValidateCreate(configMap, options);
    }
}
