namespace RoutingCore.Validation;

/// <summary>
/// The lenient IP parsing (<c>netutils.ParseIPSloppy</c>, Go 1.16's <c>net.ParseIP</c>) that upstream still uses to decide
/// whether an Ingress host or status hostname "is an IP" and whether a legacy IP field is valid: IPv4 octets may carry
/// leading zeros (<c>010.1.1.1</c> is 10.1.1.1), which <see cref="IPRules"/> rightly refuses for new fields.
/// </summary>
internal static class SloppyIP
{
    /// <summary>True when <paramref name="text"/> parses as an IP the lenient way.</summary>
    public static bool IsIP(ReadOnlySpan<char> text)
    {
        if (text.Contains(':'))
        {
            return IPRules.IsIP(text);
        }

        var octets = 0;
        foreach (var range in text.Split('.'))
        {
            var octet = text[range];
            if (++octets > 4 || octet.Length == 0)
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

                // Go's dtoi gives up at 0xFFFFFF; any octet past 255 fails either way, so stop early to avoid overflow.
                value = (value * 10) + (c - '0');
                if (value > 255)
                {
                    return false;
                }
            }
        }

        return octets == 4;
    }
}
