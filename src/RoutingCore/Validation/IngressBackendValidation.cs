using RoutingCore.Model;

namespace RoutingCore.Validation;

/// <summary>
/// An Ingress backend, at <c>spec.defaultBackend</c> or <c>…paths[j].backend</c>: exactly one of a Service port (ING-V9)
/// and a typed resource reference (ING-V10) (ING-V8). Setting both short-circuits the backend.
/// </summary>
internal static class IngressBackendValidation
{
    public static void Validate(IngressBackend backend, FieldPath path, bool relaxedServiceNames, List<FieldError> errors)
    {
        switch (backend)
        {
            case { Service: not null, Resource: not null }:
                errors.Add(FieldError.Invalid(path, "", "cannot set both resource and service backends"));
                return;
            case { Resource: { } resource }:
                ValidateResource(resource, path.Child("resource"), errors);
                return;
            case { Service: { } service }:
                ValidateService(service, path, relaxedServiceNames, errors);
                return;
            default:
                errors.Add(FieldError.Invalid(path, "", "resource or service backend is required"));
                return;
        }
    }

    private static void ValidateService(IngressServiceBackend service, FieldPath path, bool relaxedServiceNames, List<FieldError> errors)
    {
        var namePath = path.Child("service", "name");
        if (service.Name.Length == 0)
        {
            errors.Add(FieldError.Required(namePath));
        }
        else
        {
            var messages = relaxedServiceNames ? NameRules.Dns1123Label(service.Name) : NameRules.Dns1035Label(service.Name);
            errors.AddInvalid(namePath, service.Name, messages);
        }

        var port = service.Port;
        var hasName = !string.IsNullOrEmpty(port.Name);
        var hasNumber = port.Number != 0;
        if (hasName && hasNumber)
        {
            errors.Add(FieldError.Invalid(path, "", "cannot set both port name & port number"));
        }
        else if (hasName)
        {
            errors.AddInvalid(path.Child("service", "port", "name"), port.Name!, NameRules.PortName(port.Name!));
        }
        else if (hasNumber)
        {
            if (port.Number is < 1 or > 65535)
            {
                errors.Add(FieldError.Invalid(path.Child("service", "port", "number"), port.Number, NameRules.PortRangeMessage));
            }
        }
        else
        {
            errors.Add(FieldError.Required(path, "port name or number is required"));
        }
    }

    private static void ValidateResource(TypedLocalObjectReference resource, FieldPath path, List<FieldError> errors)
    {
        if (resource.ApiGroup is { } group)
        {
            errors.AddInvalid(path.Child("apiGroup"), group, NameRules.Dns1123Subdomain(group));
        }

        ValidatePathSegment(resource.Kind, path.Child("kind"), errors);
        ValidatePathSegment(resource.Name, path.Child("name"), errors);
    }

    /// <summary>A required path-segment name (NAME-5), as Ingress resource backends and IngressClass parameters use.</summary>
    internal static void ValidatePathSegment(string value, FieldPath path, List<FieldError> errors)
    {
        if (value.Length == 0)
        {
            errors.Add(FieldError.Required(path));
        }
        else
        {
            errors.AddInvalid(path, value, NameRules.PathSegmentName(value));
        }
    }
}
