using RoutingCore.Model;

namespace RoutingCore.Validation;

/// <summary>
/// EndpointSlice validation (EPS-1, EPS-4), as upstream's discovery validation: metadata, a supported
/// <c>addressType</c> (immutable on update), at most 1000 endpoints of 1 to 100 addresses each, addresses of the
/// slice's family and not special, and at most 100 uniquely named ports.
/// </summary>
/// <remarks>
/// Two choices where upstream's texts differ from the spec's shared ones: an address that is not an IP at all gets the
/// shared IP message once (upstream adds a second, shorter one), and a valid IP of the other family gets upstream's
/// <c>must be a valid IPv4 address</c> / <c>must be a valid IPv6 address</c>. Upstream does not check slice port
/// numbers; RoutingCore does (1 to 65535 when set), because the proxy dials them.
/// </remarks>
public static class EndpointSliceValidation
{
    /// <summary>The most endpoints a slice may hold.</summary>
    public const int MaxEndpoints = 1000;

    /// <summary>The most addresses one endpoint may hold.</summary>
    public const int MaxAddresses = 100;

    /// <summary>The most ports a slice may hold (EPS-1).</summary>
    public const int MaxPorts = 100;

    private static readonly FieldPath AddressTypePath = FieldPath.Root("addressType");
    private static readonly string[] AddressTypeValues = [AddressTypes.Fqdn, AddressTypes.IPv4, AddressTypes.IPv6];

    /// <summary>Validates a slice being created.</summary>
    public static List<FieldError> ValidateCreate(EndpointSlice slice, ValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(slice);
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<FieldError>();
        ObjectMetaValidation.Validate(slice.Metadata, ObjectKind.EndpointSlice, options, errors);
        if (slice.AddressType.Length == 0)
        {
            errors.Add(FieldError.Required(AddressTypePath));
        }
        else if (Array.IndexOf(AddressTypeValues, slice.AddressType) < 0)
        {
            errors.Add(FieldError.NotSupported(AddressTypePath, slice.AddressType, AddressTypeValues));
        }

        ValidateEndpoints(slice, options, errors);
        ValidatePorts(slice.Ports.OrEmpty(), errors);
        return errors;
    }

    /// <summary>Validates an update: the new slice as on create, then <c>addressType</c> unchanged (ERR-6).</summary>
    public static List<FieldError> ValidateUpdate(EndpointSlice slice, EndpointSlice old, ValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(old);
        var errors = ValidateCreate(slice, options);
        if (slice.AddressType != old.AddressType)
        {
            errors.Add(FieldError.Invalid(AddressTypePath, slice.AddressType, "field is immutable"));
        }

        return errors;
    }

    // An oversized list is reported alone: checking 1000+ entries would bury that one error.
    private static void ValidateEndpoints(EndpointSlice slice, ValidationOptions options, List<FieldError> errors)
    {
        var endpoints = slice.Endpoints.OrEmpty();
        var path = FieldPath.Root("endpoints");
        if (endpoints.Length > MaxEndpoints)
        {
            errors.Add(FieldError.TooMany(path, endpoints.Length, MaxEndpoints));
            return;
        }

        for (var i = 0; i < endpoints.Length; i++)
        {
            var endpoint = endpoints[i];
            var endpointPath = path.Index(i);
            var addressesPath = endpointPath.Child("addresses");
            var addresses = endpoint.Addresses.OrEmpty();
            if (addresses.IsEmpty)
            {
                errors.Add(FieldError.Required(addressesPath, "must contain at least 1 address"));
            }
            else if (addresses.Length > MaxAddresses)
            {
                errors.Add(FieldError.TooMany(addressesPath, addresses.Length, MaxAddresses));
            }

            for (var j = 0; j < addresses.Length; j++)
            {
                ValidateAddress(slice.AddressType, addresses[j], addressesPath.Index(j), options, errors);
            }

            if (endpoint.NodeName is { } nodeName)
            {
                FieldRules.Dns1123Subdomain(errors, endpointPath.Child("nodeName"), nodeName);
            }

            if (endpoint.Hostname is { } hostname)
            {
                FieldRules.Dns1123Label(errors, endpointPath.Child("hostname"), hostname);
            }
        }
    }

    // Addresses of an unsupported addressType are not checked: that type is already an error of its own.
    private static void ValidateAddress(string addressType, string address, FieldPath path, ValidationOptions options, List<FieldError> errors)
    {
        switch (addressType)
        {
            case AddressTypes.IPv4 or AddressTypes.IPv6:
                if (!FieldRules.IP(errors, path, address))
                {
                    return;
                }

                if (FieldRules.Family(address) != addressType)
                {
                    errors.Add(FieldError.Invalid(path, address, $"must be a valid {addressType} address"));
                }

                FieldRules.SpecialAddress(errors, path, address, options);
                break;
            case AddressTypes.Fqdn:
                FullyQualifiedDomainName(address, path, errors);
                break;
        }
    }

    // Upstream's IsFullyQualifiedDomainName: one trailing dot allowed, a subdomain, at least two labels, each a label.
    private static void FullyQualifiedDomainName(string name, FieldPath path, List<FieldError> errors)
    {
        if (name.Length == 0)
        {
            errors.Add(FieldError.Required(path));
            return;
        }

        var trimmed = name.EndsWith('.') ? name[..^1] : name;
        var messages = NameRules.Dns1123Subdomain(trimmed);
        if (messages.Count > 0)
        {
            errors.Add(FieldError.Invalid(path, trimmed, string.Join(",", messages)));
            return;
        }

        var labels = trimmed.Split('.');
        if (labels.Length < 2)
        {
            errors.Add(FieldError.Invalid(path, trimmed, "should be a domain with at least two segments separated by dots"));
            return;
        }

        foreach (var label in labels)
        {
            var labelMessages = NameRules.Dns1123Label(label);
            if (labelMessages.Count > 0)
            {
                errors.Add(FieldError.Invalid(path, label, string.Join(",", labelMessages)));
                return;
            }
        }
    }

    private static void ValidatePorts(IReadOnlyList<EndpointPort> ports, List<FieldError> errors)
    {
        var path = FieldPath.Root("ports");
        if (ports.Count > MaxPorts)
        {
            errors.Add(FieldError.TooMany(path, ports.Count, MaxPorts));
            return;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ports.Count; i++)
        {
            var port = ports[i];
            var portPath = path.Index(i);
            var name = port.Name;
            if (name.Length > 0)
            {
                FieldRules.Dns1123Label(errors, portPath.Child("name"), name);
            }

            if (!names.Add(name))
            {
                errors.Add(FieldError.Duplicate(portPath.Child("name"), name));
            }

            FieldRules.Protocol(errors, portPath.Child("protocol"), port.Protocol);
            if (port.Port is { } number)
            {
                FieldRules.PortNumber(errors, portPath.Child("port"), number);
            }

            if (port.AppProtocol is { } appProtocol)
            {
                FieldRules.QualifiedName(errors, portPath.Child("appProtocol"), appProtocol);
            }
        }
    }
}
