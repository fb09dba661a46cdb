using RoutingCore.Model;

namespace RoutingCore.Validation;

/// <summary>
/// One <c>http.paths[j]</c> entry of an Ingress rule (ING-V5..V7), then its backend (ING-V8..V10).
/// A missing <c>pathType</c> short-circuits the entry: neither its path nor its backend is checked.
/// </summary>
internal static class IngressPathValidation
{
    private static readonly string[] SupportedPathTypes = [PathTypes.Exact, PathTypes.ImplementationSpecific, PathTypes.Prefix];

    // Upstream's order; each sequence found gives its own error (ING-V6).
    private static readonly string[] InvalidSequences = ["//", "/./", "/../", "%2f", "%2F"];
    private static readonly string[] InvalidSuffixes = ["/..", "/."];

    public static void Validate(HttpIngressPath entry, FieldPath path, bool relaxedServiceNames, List<FieldError> errors)
    {
        if (entry.PathType is not { } pathType)
        {
            errors.Add(FieldError.Required(path.Child("pathType"), "pathType must be specified"));
            return;
        }

        var value = entry.Path ?? "";
        var pathPath = path.Child("path");
        switch (pathType)
        {
            case PathTypes.Exact or PathTypes.Prefix:
                if (!value.StartsWith('/'))
                {
                    errors.Add(FieldError.Invalid(pathPath, value, "must be an absolute path"));
                }

                foreach (var sequence in InvalidSequences)
                {
                    if (value.Contains(sequence, StringComparison.Ordinal))
                    {
                        errors.Add(FieldError.Invalid(pathPath, value, $"must not contain '{sequence}'"));
                    }
                }

                foreach (var suffix in InvalidSuffixes)
                {
                    if (value.EndsWith(suffix, StringComparison.Ordinal))
                    {
                        errors.Add(FieldError.Invalid(pathPath, value, $"cannot end with '{suffix}'"));
                    }
                }

                break;
            case PathTypes.ImplementationSpecific:
                if (value.Length > 0 && !value.StartsWith('/'))
                {
                    errors.Add(FieldError.Invalid(pathPath, value, "must be an absolute path"));
                }

                break;
            default:
                errors.Add(FieldError.NotSupported(path.Child("pathType"), pathType, SupportedPathTypes));
                break;
        }

        IngressBackendValidation.Validate(entry.Backend, path.Child("backend"), relaxedServiceNames, errors);
    }
}
