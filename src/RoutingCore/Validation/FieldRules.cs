using System.Collections.Immutable;
using System.Net.Sockets;

namespace RoutingCore.Validation;

/// <summary>
/// The small field checks kube-apiserver's core validation shares between kinds (<c>ValidateDNS1123Label</c>,
/// <c>IsValidIP</c>, <c>ValidatePortNumOrName</c>, ...), each appending upstream's errors to a list.
/// </summary>
internal static class FieldRules
{
    /// <summary>The protocols a Service, container or endpoint port may use, as kube-apiserver lists them.</summary>
    public static readonly string[] Protocols = ["SCTP", "TCP", "UDP"];

    /// <summary>An <see cref="ImmutableArray{T}"/> that is empty rather than default, so callers can iterate it.</summary>
    public static ImmutableArray<T> OrEmpty<T>(this ImmutableArray<T> items) => items.IsDefault ? [] : items;

    /// <summary>One <c>Invalid value</c> per message, each showing <paramref name="value"/>.</summary>
    public static void AddInvalid(List<FieldError> errors, FieldPath path, object? value, IReadOnlyList<string> messages)
    {
        foreach (var message in messages)
        {
            errors.Add(FieldError.Invalid(path, value, message));
        }
    }

    /// <summary>NAME-1 at <paramref name="path"/>.</summary>
    public static void Dns1123Label(List<FieldError> errors, FieldPath path, string value) =>
        AddInvalid(errors, path, value, NameRules.Dns1123Label(value));

    /// <summary>NAME-2 at <paramref name="path"/>.</summary>
    public static void Dns1123Subdomain(List<FieldError> errors, FieldPath path, string value) =>
        AddInvalid(errors, path, value, NameRules.Dns1123Subdomain(value));

    /// <summary>LBL-1 (a qualified name) at <paramref name="path"/>.</summary>
    public static void QualifiedName(List<FieldError> errors, FieldPath path, string value) =>
        AddInvalid(errors, path, value, NameRules.QualifiedName(value));

    /// <summary>1 to 65535, or <c>must be between 1 and 65535, inclusive</c>.</summary>
    public static void PortNumber(List<FieldError> errors, FieldPath path, int port)
    {
        if (port is < 1 or > 65535)
        {
            errors.Add(FieldError.Invalid(path, port, NameRules.PortRangeMessage));
        }
    }

    /// <summary><c>ValidatePortNumOrName</c>: a number must be a port number, a name an IANA_SVC_NAME.</summary>
    public static void PortNumberOrName(List<FieldError> errors, FieldPath path, Model.IntOrString port)
    {
        if (port.Name is { } name)
        {
            AddInvalid(errors, path, name, NameRules.PortName(name));
        }
        else
        {
            PortNumber(errors, path, port.Number);
        }
    }

    /// <summary>A required protocol that must be one of <see cref="Protocols"/>.</summary>
    public static void Protocol(List<FieldError> errors, FieldPath path, string? protocol)
    {
        if (string.IsNullOrEmpty(protocol))
        {
            errors.Add(FieldError.Required(path));
        }
        else if (Array.IndexOf(Protocols, protocol) < 0)
        {
            errors.Add(FieldError.NotSupported(path, protocol, Protocols));
        }
    }

    /// <summary><c>IsValidIP</c>: true when valid; otherwise adds the shared IP message.</summary>
    public static bool IP(List<FieldError> errors, FieldPath path, string value)
    {
        if (IPRules.IsIP(value))
        {
            return true;
        }

        errors.Add(FieldError.Invalid(path, value, NameRules.IPMessage));
        return false;
    }

    /// <summary>
    /// An address that must be a valid IP and not special (§3 shared texts): externalIPs and endpoint addresses.
    /// The special checks run only on a valid address, so an invalid one reports a single error.
    /// </summary>
    public static void NonSpecialIP(List<FieldError> errors, FieldPath path, string value, ValidationOptions options)
    {
        if (IP(errors, path, value))
        {
            SpecialAddress(errors, path, value, options);
        }
    }

    /// <summary>The special-address checks; nothing is reported for a string that is not an IP.</summary>
    public static void SpecialAddress(List<FieldError> errors, FieldPath path, string value, ValidationOptions options)
    {
        if (IPRules.TryParse(value, out var address))
        {
            AddInvalid(errors, path, value, IPRules.SpecialAddress(address, options.AllowLoopbackAddresses));
        }
    }

    /// <summary><c>IPv4</c> or <c>IPv6</c> for a valid address, null otherwise.</summary>
    public static string? Family(string value) =>
        !IPRules.TryParse(value, out var address) ? null
        : address.AddressFamily == AddressFamily.InterNetworkV6 ? "IPv6" : "IPv4";

    /// <summary>A non-negative count or duration, as <c>ValidateNonnegativeField</c>.</summary>
    public static void NonNegative(List<FieldError> errors, FieldPath path, int value)
    {
        if (value < 0)
        {
            errors.Add(FieldError.Invalid(path, value, "must be greater than or equal to 0"));
        }
    }
}
