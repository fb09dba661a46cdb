using System.Text;
using RoutingCore.Model;

namespace RoutingCore.Validation;

/// <summary>
/// Validation of networking.k8s.io/v1 IngressClass objects (ING-V20..V22), as kube-apiserver's <c>ValidateIngressClass</c>
/// and <c>ValidateIngressClassUpdate</c>. Run <see cref="IngressClassDefaults.Apply"/> first: an unset
/// <c>parameters.scope</c> is an error here.
/// </summary>
public static class IngressClassValidation
{
    /// <summary>The longest <c>spec.controller</c>, in bytes (ING-V20).</summary>
    public const int MaxControllerLength = 250;

    private static readonly FieldPath Spec = FieldPath.Root("spec");
    private static readonly string[] SupportedScopes = [IngressClassDefaults.ClusterScope, IngressClassDefaults.NamespaceScope];

    /// <summary>Validates an IngressClass being created. An empty list means valid.</summary>
    /// <param name="ingressClass">The IngressClass, after defaulting.</param>
    /// <param name="options">Validation switches.</param>
    public static List<FieldError> ValidateCreate(IngressClass ingressClass, ValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(ingressClass);
        var errors = new List<FieldError>();
        Validate(ingressClass, options, errors);
        return errors;
    }

    /// <summary>
    /// Validates an update: <c>spec.controller</c> may not change (reported first, as upstream), then every create check.
    /// </summary>
    /// <param name="ingressClass">The new IngressClass, after defaulting.</param>
    /// <param name="old">The stored IngressClass.</param>
    /// <param name="options">Validation switches.</param>
    public static List<FieldError> ValidateUpdate(IngressClass ingressClass, IngressClass old, ValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(ingressClass);
        ArgumentNullException.ThrowIfNull(old);
        var errors = new List<FieldError>();
        if (ingressClass.Spec.Controller != old.Spec.Controller)
        {
            errors.Add(FieldError.Invalid(Spec.Child("controller"), ingressClass.Spec.Controller, "field is immutable"));
        }

        Validate(ingressClass, options, errors);
        return errors;
    }

    private static void Validate(IngressClass ingressClass, ValidationOptions options, List<FieldError> errors)
    {
        ObjectMetaValidation.Validate(ingressClass.Metadata, ObjectKind.IngressClass, options, errors);
        var controller = ingressClass.Spec.Controller;
        var controllerPath = Spec.Child("controller");
        if (controller.Length == 0)
        {
            errors.Add(FieldError.Required(controllerPath));
        }
        else
        {
            if (Encoding.UTF8.GetByteCount(controller) > MaxControllerLength)
            {
                errors.Add(FieldError.TooLong(controllerPath, MaxControllerLength));
            }

            ValidateDomainPrefixedPath(controller, controllerPath, errors);
        }

        if (ingressClass.Spec.Parameters is { } parameters)
        {
            ValidateParameters(parameters, Spec.Child("parameters"), errors);
        }
    }

    /// <summary><c>&lt;dns-subdomain&gt;/&lt;path&gt;</c>, the path in RFC 3986 path characters (upstream's <c>IsDomainPrefixedPath</c>).</summary>
    private static void ValidateDomainPrefixedPath(string value, FieldPath path, List<FieldError> errors)
    {
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == value.Length - 1)
        {
            errors.Add(FieldError.Invalid(path, value, "must be a domain-prefixed path (such as \"acme.io/foo\")"));
            return;
        }

        var host = value[..slash];
        errors.AddInvalid(path, host, NameRules.Dns1123Subdomain(host));
        var rest = value[(slash + 1)..];
        foreach (var c in rest)
        {
            if (!IsHttpPathChar(c))
            {
                errors.Add(FieldError.Invalid(path, rest, "Invalid path (regex used for validation is '[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+')"));
                return;
            }
        }
    }

    private static bool IsHttpPathChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || "/-._~%!$&'()*+,;=:".Contains(c, StringComparison.Ordinal);

    private static void ValidateParameters(IngressClassParameters parameters, FieldPath path, List<FieldError> errors)
    {
        if (parameters.ApiGroup is { } group)
        {
            errors.AddInvalid(path.Child("apiGroup"), group, NameRules.Dns1123Subdomain(group));
        }

        IngressBackendValidation.ValidatePathSegment(parameters.Kind, path.Child("kind"), errors);
        IngressBackendValidation.ValidatePathSegment(parameters.Name, path.Child("name"), errors);
        if (parameters.Scope is not { } scope)
        {
            errors.Add(FieldError.Required(path.Child("scope")));
            return;
        }

        switch (scope)
        {
            case IngressClassDefaults.NamespaceScope when parameters.Namespace is null:
                errors.Add(FieldError.Required(path.Child("namespace"), "`parameters.scope` is set to 'Namespace'"));
                break;
            case IngressClassDefaults.NamespaceScope:
                errors.AddInvalid(path.Child("namespace"), parameters.Namespace, NameRules.Dns1123Label(parameters.Namespace));
                break;
            case IngressClassDefaults.ClusterScope when parameters.Namespace is not null:
                errors.Add(FieldError.Forbidden(path.Child("namespace"), "`parameters.scope` is set to 'Cluster'"));
                break;
            case IngressClassDefaults.ClusterScope:
                break;
            default:
                errors.Add(FieldError.NotSupported(path.Child("scope"), scope, SupportedScopes));
                break;
        }
    }
}
