using System.Collections.Immutable;
using RoutingCore.Model;

namespace RoutingCore.Validation;

/// <summary>
/// Validation of core/v1 Nodes as far as RoutingCore models them: the metadata (name a DNS-1123 subdomain), then each
/// <c>status.addresses[i]</c>. Upstream only refuses duplicate addresses; <b>[RC]</b> RoutingCore also requires a known
/// type and an address that suits it, because node addresses are where NodePort listeners bind.
/// </summary>
public static class NodeValidation
{
    /// <summary>The node address types, as <c>corev1.NodeAddressType</c>.</summary>
    public static ImmutableArray<string> AddressTypes { get; } = ["ExternalDNS", "ExternalIP", "Hostname", "InternalDNS", "InternalIP"];

    /// <summary>Validates a Node being created. An empty list means valid.</summary>
    /// <param name="node">The Node.</param>
    /// <param name="options">Validation switches.</param>
    public static List<FieldError> ValidateCreate(Node node, ValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(node);
        var errors = new List<FieldError>();
        ObjectMetaValidation.Validate(node.Metadata, ObjectKind.Node, options, errors);
        var seen = new HashSet<NodeAddress>();
        for (var i = 0; i < node.Addresses.Length; i++)
        {
            var address = node.Addresses[i];
            var path = FieldPath.Root("status").Child("addresses").Index(i);
            ValidateAddress(address, path, errors);
            if (!seen.Add(address))
            {
                errors.Add(FieldError.Duplicate(path, address));
            }
        }

        return errors;
    }

    /// <summary>Validates an update: the same checks as create.</summary>
    /// <param name="node">The new Node.</param>
    /// <param name="old">The stored Node.</param>
    /// <param name="options">Validation switches.</param>
    public static List<FieldError> ValidateUpdate(Node node, Node old, ValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(old);
        return ValidateCreate(node, options);
    }

    private static void ValidateAddress(NodeAddress address, FieldPath path, List<FieldError> errors)
    {
        if (string.IsNullOrEmpty(address.Type))
        {
            errors.Add(FieldError.Required(path.Child("type")));
        }
        else if (!AddressTypes.Contains(address.Type))
        {
            errors.Add(FieldError.NotSupported(path.Child("type"), address.Type, AddressTypes));
        }

        var addressPath = path.Child("address");
        if (string.IsNullOrEmpty(address.Address))
        {
            errors.Add(FieldError.Required(addressPath));
        }
        else if (address.Type is "InternalIP" or "ExternalIP")
        {
            if (!IPRules.IsIP(address.Address))
            {
                errors.Add(FieldError.Invalid(addressPath, address.Address, NameRules.IPMessage));
            }
        }
        else if (address.Type is "Hostname" or "InternalDNS" or "ExternalDNS")
        {
            errors.AddInvalid(addressPath, address.Address, NameRules.Dns1123Subdomain(address.Address));
        }
    }
}
