using RoutingCore.Model;

namespace RoutingCore.Validation;

/// <summary>
/// Legacy Endpoints validation (EP-1), as upstream's <c>ValidateEndpoints</c>: metadata, then per subset at least one
/// address, each address a valid non-special IP with a valid hostname and node name, and each port named (when there
/// are several), numbered 1 to 65535 and with a supported protocol. Run after <see cref="EndpointsDefaults.Apply"/>.
/// </summary>
/// <remarks>An address that is not an IP gets the shared IP message once (upstream repeats it in a shorter form).</remarks>
public static class EndpointsValidation
{
    /// <summary>Validates an Endpoints object being created.</summary>
    public static List<FieldError> ValidateCreate(Endpoints endpoints, ValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<FieldError>();
        ObjectMetaValidation.Validate(endpoints.Metadata, ObjectKind.Endpoints, options, errors);
        var subsets = endpoints.Subsets.OrEmpty();
        for (var i = 0; i < subsets.Length; i++)
        {
            ValidateSubset(subsets[i], FieldPath.Root("subsets").Index(i), options, errors);
        }

        return errors;
    }

    /// <summary>Validates an update: the new object as on create (node names may change, as upstream allows).</summary>
    public static List<FieldError> ValidateUpdate(Endpoints endpoints, Endpoints old, ValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(old);
        return ValidateCreate(endpoints, options);
    }

    private static void ValidateSubset(EndpointSubset subset, FieldPath path, ValidationOptions options, List<FieldError> errors)
    {
        var addresses = subset.Addresses.OrEmpty();
        var notReady = subset.NotReadyAddresses.OrEmpty();
        if (addresses.IsEmpty && notReady.IsEmpty)
        {
            errors.Add(FieldError.Required(path, "must specify `addresses` or `notReadyAddresses`"));
        }

        for (var i = 0; i < addresses.Length; i++)
        {
            ValidateAddress(addresses[i], path.Child("addresses").Index(i), options, errors);
        }

        for (var i = 0; i < notReady.Length; i++)
        {
            ValidateAddress(notReady[i], path.Child("notReadyAddresses").Index(i), options, errors);
        }

        var ports = subset.Ports.OrEmpty();
        for (var i = 0; i < ports.Length; i++)
        {
            var port = ports[i];
            var portPath = path.Child("ports").Index(i);
            var name = port.Name;
            if (ports.Length > 1 && name.Length == 0)
            {
                errors.Add(FieldError.Required(portPath.Child("name")));
            }
            else if (name.Length > 0)
            {
                FieldRules.Dns1123Label(errors, portPath.Child("name"), name);
            }

            FieldRules.PortNumber(errors, portPath.Child("port"), port.Port ?? 0);
            FieldRules.Protocol(errors, portPath.Child("protocol"), port.Protocol);
            if (port.AppProtocol is { } appProtocol)
            {
                FieldRules.QualifiedName(errors, portPath.Child("appProtocol"), appProtocol);
            }
        }
    }

    // Upstream's order: the IP, then hostname and node name, then the special-address checks on the IP.
    private static void ValidateAddress(EndpointAddress address, FieldPath path, ValidationOptions options, List<FieldError> errors)
    {
        var valid = FieldRules.IP(errors, path.Child("ip"), address.Ip);
        if (!string.IsNullOrEmpty(address.Hostname))
        {
            FieldRules.Dns1123Label(errors, path.Child("hostname"), address.Hostname);
        }

        if (address.NodeName is { } nodeName)
        {
            FieldRules.Dns1123Subdomain(errors, path.Child("nodeName"), nodeName);
        }

        if (valid)
        {
            FieldRules.SpecialAddress(errors, path.Child("ip"), address.Ip, options);
        }
    }
}
