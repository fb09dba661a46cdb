using RoutingCore.Model;

namespace RoutingCore.Validation;

/// <summary>
/// Validation of core/v1 Namespaces, as kube-apiserver's <c>ValidateNamespace</c>: the metadata only, the name being a
/// DNS-1123 label (NAME-6) and no namespace of its own (NS-2).
/// </summary>
public static class NamespaceValidation
{
    /// <summary>Validates a Namespace being created. An empty list means valid.</summary>
    /// <param name="ns">The Namespace.</param>
    /// <param name="options">Validation switches.</param>
    public static List<FieldError> ValidateCreate(Namespace ns, ValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(ns);
        var errors = new List<FieldError>();
        ObjectMetaValidation.Validate(ns.Metadata, ObjectKind.Namespace, options, errors);
        return errors;
    }

    /// <summary>Validates an update: the same checks as create.</summary>
    /// <param name="ns">The new Namespace.</param>
    /// <param name="old">The stored Namespace.</param>
    /// <param name="options">Validation switches.</param>
    public static List<FieldError> ValidateUpdate(Namespace ns, Namespace old, ValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(old);
        return ValidateCreate(ns, options);
    }
}
