using System.Net;
using System.Net.Sockets;

namespace RoutingCore.Validation;

/// <summary>
/// Strict IP and CIDR parsing as kube-apiserver accepts them: IPv4 only as four decimal octets without leading zeros,
/// IPv6 in any RFC 4291 text form without a zone. (<see cref="IPAddress.TryParse(string?, out IPAddress?)"/> alone would
/// also accept <c>1</c>, <c>0x7f.1</c> and <c>fe80::1%eth0</c>.)
/// </summary>
public static class IPRules
{
    /// <summary>Parses a strict IP address.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out IPAddress address)
    {
        address = IPAddress.None;
        if (text.Length == 0 || text.Length > 45)
        {
            return false;
        }

        if (text.Contains(':'))
        {
            if (text.Contains('%') || text.Contains('[') || !IPAddress.TryParse(text, out var v6) || v6.AddressFamily != AddressFamily.InterNetworkV6)
            {
                return false;
            }

            address = v6;
            return true;
        }

        Span<byte> bytes = stackalloc byte[4];
        var part = 0;
        foreach (var range in text.Split('.'))
        {
            var octet = text[range];
            if (part == 4 || octet.Length is 0 or > 3 || (octet.Length > 1 && octet[0] == '0'))
            {
                return false;
            }

            var value = 0;
            foreach (var c in octet)
            {
                if (!char.IsAsciiDigit(c))
                {
                    return false;
                }

                value = (value * 10) + (c - '0');
            }

            if (value > 255)
            {
                return false;
            }

            bytes[part++] = (byte)value;
        }

        if (part != 4)
        {
            return false;
        }

        address = new IPAddress(bytes);
        return true;
    }

    /// <summary>True when <paramref name="text"/> is a strict IP address.</summary>
    public static bool IsIP(ReadOnlySpan<char> text) => TryParse(text, out _);

    /// <summary>Parses a strict CIDR (<c>10.96.0.0/12</c>, <c>fd00::/108</c>); host bits may be set, as upstream allows.</summary>
    public static bool TryParseCidr(ReadOnlySpan<char> text, out IPAddress address, out int prefixLength)
    {
        prefixLength = 0;
        address = IPAddress.None;
        var slash = text.IndexOf('/');
        if (slash <= 0 || !TryParse(text[..slash], out address))
        {
            return false;
        }

        var bits = text[(slash + 1)..];
        if (bits.Length is 0 or > 3 || (bits.Length > 1 && bits[0] == '0') || !int.TryParse(bits, System.Globalization.NumberStyles.None, null, out prefixLength))
        {
            return false;
        }

        var max = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        return prefixLength <= max;
    }

    /// <summary>
    /// The special-address problems of externalIPs and endpoint addresses (§3 shared texts), in upstream's order:
    /// unspecified, loopback (unless <paramref name="allowLoopback"/>), link-local, link-local multicast.
    /// </summary>
    public static IReadOnlyList<string> SpecialAddress(IPAddress address, bool allowLoopback)
    {
        List<string>? errors = null;
        var text = address.ToString();
        if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            (errors ??= []).Add($"may not be unspecified ({text})");
        }

        if (!allowLoopback && IPAddress.IsLoopback(address))
        {
            (errors ??= []).Add("may not be in the loopback range (127.0.0.0/8, ::1/128)");
        }

        var bytes = address.GetAddressBytes();
        var linkLocal = address.AddressFamily == AddressFamily.InterNetwork
            ? bytes[0] == 169 && bytes[1] == 254
            : address.IsIPv6LinkLocal;
        if (linkLocal)
        {
            (errors ??= []).Add("may not be in the link-local range (169.254.0.0/16, fe80::/10)");
        }

        var linkLocalMulticast = address.AddressFamily == AddressFamily.InterNetwork
            ? bytes[0] == 224 && bytes[1] == 0 && bytes[2] == 0
            : bytes[0] == 0xff && (bytes[1] & 0x0f) == 0x02;
        if (linkLocalMulticast)
        {
            (errors ??= []).Add("may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)");
        }

        return errors ?? (IReadOnlyList<string>)[];
    }
}
