using System.Globalization;

namespace RoutingCore.Validation;

/// <summary>
/// The string-format checks of apimachinery (NAME-1..5, LBL-1/2), each returning the list of problem texts
/// kube-apiserver would report, in its order; an empty list means valid. The texts are byte for byte upstream's.
/// </summary>
/// <remarks>
/// Hand-written scanners rather than regular expressions: these run for every label of every object written to the
/// store, and the scanners state the grammar as plainly as the regexes they replace (quoted in each message).
/// </remarks>
public static class NameRules
{
    /// <summary>Maximum length of a DNS-1123 or DNS-1035 label.</summary>
    public const int LabelMaxLength = 63;

    /// <summary>Maximum length of a DNS-1123 subdomain.</summary>
    public const int SubdomainMaxLength = 253;

    /// <summary>The DNS-1123 label message.</summary>
    public const string Dns1123LabelMessage =
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

    /// <summary>The DNS-1123 subdomain message.</summary>
    public const string Dns1123SubdomainMessage =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    /// <summary>The DNS-1035 label message.</summary>
    public const string Dns1035LabelMessage =
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

    /// <summary>The wildcard DNS-1123 subdomain message.</summary>
    public const string WildcardSubdomainMessage =
        "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    /// <summary>The qualified-name (label key name part) message.</summary>
    public const string QualifiedNameMessage =
        "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

    /// <summary>The label value message.</summary>
    public const string LabelValueMessage =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

    /// <summary>The port-number range message.</summary>
    public const string PortRangeMessage = "must be between 1 and 65535, inclusive";

    /// <summary>The IP address message.</summary>
    public const string IPMessage = "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)";

    /// <summary>The CIDR message.</summary>
    public const string CidrMessage = "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)";

    private static readonly string[] None = [];

    /// <summary><c>must be no more than N characters</c>.</summary>
    public static string MaxLength(int length) => string.Create(CultureInfo.InvariantCulture, $"must be no more than {length} characters");

    /// <summary>NAME-1: DNS-1123 label.</summary>
    public static IReadOnlyList<string> Dns1123Label(string value)
    {
        List<string>? errors = null;
        if (value.Length > LabelMaxLength)
        {
            (errors ??= []).Add(MaxLength(LabelMaxLength));
        }

        if (!IsDns1123Label(value))
        {
            // A valid subdomain that is not a valid label can only be one with dots (length was checked above).
            (errors ??= []).Add(IsDns1123Subdomain(value) ? "must not contain dots" : Dns1123LabelMessage);
        }

        return errors ?? (IReadOnlyList<string>)None;
    }

    /// <summary>NAME-2: DNS-1123 subdomain.</summary>
    public static IReadOnlyList<string> Dns1123Subdomain(string value)
    {
        List<string>? errors = null;
        if (value.Length > SubdomainMaxLength)
        {
            (errors ??= []).Add(MaxLength(SubdomainMaxLength));
        }

        if (!IsDns1123Subdomain(value))
        {
            (errors ??= []).Add(Dns1123SubdomainMessage);
        }

        return errors ?? (IReadOnlyList<string>)None;
    }

    /// <summary>NAME-3: DNS-1035 label.</summary>
    public static IReadOnlyList<string> Dns1035Label(string value)
    {
        List<string>? errors = null;
        if (value.Length > LabelMaxLength)
        {
            (errors ??= []).Add(MaxLength(LabelMaxLength));
        }

        if (!IsDns1035Label(value))
        {
            (errors ??= []).Add(Dns1035LabelMessage);
        }

        return errors ?? (IReadOnlyList<string>)None;
    }

    /// <summary>A wildcard DNS-1123 subdomain (<c>*.example.com</c>), as Ingress hosts allow (ING-V3).</summary>
    public static IReadOnlyList<string> WildcardDns1123Subdomain(string value)
    {
        List<string>? errors = null;
        if (value.Length > SubdomainMaxLength)
        {
            (errors ??= []).Add(MaxLength(SubdomainMaxLength));
        }

        if (!(value.StartsWith("*.", StringComparison.Ordinal) && IsDns1123Subdomain(value.AsSpan(2))))
        {
            (errors ??= []).Add(WildcardSubdomainMessage);
        }

        return errors ?? (IReadOnlyList<string>)None;
    }

    /// <summary>NAME-4: IANA_SVC_NAME (port names), one message per failed check in upstream's order.</summary>
    public static IReadOnlyList<string> PortName(string value)
    {
        List<string>? errors = null;
        if (value.Length > 15)
        {
            (errors ??= []).Add(MaxLength(15));
        }

        var charsetOk = value.Length > 0;
        var hasLetter = false;
        foreach (var c in value)
        {
            charsetOk &= c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-';
            hasLetter |= c is >= 'a' and <= 'z';
        }

        if (!charsetOk)
        {
            (errors ??= []).Add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        }

        if (!hasLetter)
        {
            (errors ??= []).Add("must contain at least one letter (a-z)");
        }

        if (value.Contains("--", StringComparison.Ordinal))
        {
            (errors ??= []).Add("must not contain consecutive hyphens");
        }

        if (value.Length > 0 && (value[0] == '-' || value[^1] == '-'))
        {
            (errors ??= []).Add("must not begin or end with a hyphen");
        }

        return errors ?? (IReadOnlyList<string>)None;
    }

    /// <summary>NAME-5: a name usable as one path segment (not <c>.</c> or <c>..</c>, no <c>/</c> or <c>%</c>).</summary>
    public static IReadOnlyList<string> PathSegmentName(string value)
    {
        if (value is "." or "..")
        {
            return [string.Create(CultureInfo.InvariantCulture, $"may not be '{value}'")];
        }

        List<string>? errors = null;
        foreach (var forbidden in (ReadOnlySpan<string>)["/", "%"])
        {
            if (value.Contains(forbidden, StringComparison.Ordinal))
            {
                (errors ??= []).Add($"may not contain '{forbidden}'");
            }
        }

        return errors ?? (IReadOnlyList<string>)None;
    }

    /// <summary>LBL-1: a qualified name (label or annotation key): optional DNS-subdomain prefix and <c>/</c>, then a name part.</summary>
    public static IReadOnlyList<string> QualifiedName(string value)
    {
        var errors = new List<string>();
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        string name;
        if (slash < 0)
        {
            name = value;
        }
        else if (value.IndexOf('/', slash + 1) >= 0)
        {
            errors.Add("a qualified name " + QualifiedNameMessage + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
            return errors;
        }
        else
        {
            var prefix = value[..slash];
            name = value[(slash + 1)..];
            if (prefix.Length == 0)
            {
                errors.Add("prefix part must be non-empty");
            }
            else
            {
                foreach (var message in Dns1123Subdomain(prefix))
                {
                    errors.Add("prefix part " + message);
                }
            }
        }

        if (name.Length == 0)
        {
            errors.Add("name part must be non-empty");
        }
        else if (name.Length > LabelMaxLength)
        {
            errors.Add("name part " + MaxLength(LabelMaxLength));
        }

        if (!IsQualifiedNamePart(name))
        {
            errors.Add("name part " + QualifiedNameMessage);
        }

        return errors;
    }

    /// <summary>LBL-2: a label value (may be empty).</summary>
    public static IReadOnlyList<string> LabelValue(string value)
    {
        List<string>? errors = null;
        if (value.Length > LabelMaxLength)
        {
            (errors ??= []).Add(MaxLength(LabelMaxLength));
        }

        if (value.Length > 0 && !IsQualifiedNamePart(value))
        {
            (errors ??= []).Add(LabelValueMessage);
        }

        return errors ?? (IReadOnlyList<string>)None;
    }

    /// <summary>True when <paramref name="value"/> matches <c>[a-z0-9]([-a-z0-9]*[a-z0-9])?</c> (length not checked).</summary>
    public static bool IsDns1123Label(ReadOnlySpan<char> value)
    {
        if (value.Length == 0 || !IsLowerAlnum(value[0]) || !IsLowerAlnum(value[^1]))
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!IsLowerAlnum(c) && c != '-')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when <paramref name="value"/> is one or more DNS-1123 labels joined by dots (length not checked).</summary>
    public static bool IsDns1123Subdomain(ReadOnlySpan<char> value)
    {
        if (value.Length == 0)
        {
            return false;
        }

        foreach (var range in value.Split('.'))
        {
            if (!IsDns1123Label(value[range]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when <paramref name="value"/> matches <c>[a-z]([-a-z0-9]*[a-z0-9])?</c> (length not checked).</summary>
    public static bool IsDns1035Label(ReadOnlySpan<char> value) =>
        IsDns1123Label(value) && value[0] is >= 'a' and <= 'z';

    /// <summary>True when <paramref name="value"/> matches <c>([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]</c>.</summary>
    public static bool IsQualifiedNamePart(ReadOnlySpan<char> value)
    {
        if (value.Length == 0 || !char.IsAsciiLetterOrDigit(value[0]) || !char.IsAsciiLetterOrDigit(value[^1]))
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsLowerAlnum(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9');
}
