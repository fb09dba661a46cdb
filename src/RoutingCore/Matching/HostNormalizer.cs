using System.Buffers;
using System.Text;

namespace RoutingCore.Matching;

/// <summary>
/// Host handling shared by the builder (rule hosts) and the match path (request hosts, ING-H1).
/// Request hosts are normalised without allocating: the port is cut off (after the <c>]</c> of a bracketed IPv6
/// literal, else at the first <c>:</c>), one trailing dot is removed, and ASCII letters are lower-cased into a caller
/// buffer. The subtle point is that only ASCII is folded: rule hosts are ASCII, so a non-ASCII request character can
/// never equal a rule character, and folding it (as <see cref="StringComparer.OrdinalIgnoreCase"/> would, e.g. the
/// Turkish dotless ı to I) could make a host match that must not.
/// </summary>
internal static class HostNormalizer
{
    /// <summary>The longest DNS name; rule hosts are limited to it, so longer request hosts only need their suffix looked at.</summary>
    internal const int MaxHostLength = 253;

    private static readonly SearchValues<char> Forbidden = SearchValues.Create("*:[]");

    /// <summary>Cuts the port and one trailing dot from a request host (ING-H1). Case is left alone.</summary>
    internal static ReadOnlySpan<char> StripPortAndDot(ReadOnlySpan<char> host)
    {
        if (host.Length > 0 && host[0] == '[')
        {
            var close = host.IndexOf(']');
            if (close >= 0)
            {
                host = host[..(close + 1)];
            }
        }
        else
        {
            var colon = host.IndexOf(':');
            if (colon >= 0)
            {
                host = host[..colon];
            }
        }

        return host.Length > 0 && host[^1] == '.' ? host[..^1] : host;
    }

    /// <summary>Copies <paramref name="source"/> into <paramref name="destination"/> with ASCII letters lower-cased and everything else kept.</summary>
    internal static void LowerAscii(ReadOnlySpan<char> source, Span<char> destination)
    {
        // PERF: Ascii.ToLower is vectorised; it stops at the first non-ASCII char, which real hosts never contain,
        // so the scalar loop below only runs for odd input.
        if (Ascii.ToLower(source, destination, out _) == OperationStatus.Done)
        {
            return;
        }

        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            destination[i] = char.IsAsciiLetterUpper(c) ? (char)(c | 0x20) : c;
        }
    }

    /// <summary>Returns the ASCII-lower-cased copy of a host (allocating; for the builder and for explanations).</summary>
    internal static string LowerAscii(ReadOnlySpan<char> host)
    {
        var chars = new char[host.Length];
        LowerAscii(host, chars);
        return new string(chars);
    }

    /// <summary>
    /// Whether a host is an IPv4 literal: four dot-separated groups of one to three digits, each at most 255 (leading
    /// zeros allowed, so every form a client may send counts). ING-H5: such hosts only ever select the any-host group.
    /// </summary>
    internal static bool IsIPv4Literal(ReadOnlySpan<char> host)
    {
        var groups = 0;
        var digits = 0;
        var value = 0;
        foreach (var c in host)
        {
            if (c == '.')
            {
                if (digits == 0 || ++groups == 4)
                {
                    return false;
                }

                digits = 0;
                value = 0;
            }
            else if (char.IsAsciiDigit(c) && digits < 3)
            {
                digits++;
                value = (value * 10) + (c - '0');
                if (value > 255)
                {
                    return false;
                }
            }
            else
            {
                return false;
            }
        }

        return groups == 3 && digits > 0;
    }

    /// <summary>
    /// Validates and lower-cases a rule host: <see langword="null"/> or empty means any host; otherwise a precise host or
    /// <c>*.suffix</c>. Rejects what could never match a normalised request host.
    /// </summary>
    /// <exception cref="ArgumentException">The host is malformed.</exception>
    internal static string? NormalizeRuleHost(string? host, string paramName)
    {
        if (string.IsNullOrEmpty(host))
        {
            return null;
        }

        if (host.Length > MaxHostLength)
        {
            throw new ArgumentException($"Host '{host}' is longer than {MaxHostLength} characters.", paramName);
        }

        var body = host.StartsWith("*.", StringComparison.Ordinal) ? host.AsSpan(2) : host.AsSpan();
        if (body.IsEmpty || body.ContainsAny(Forbidden) || body.ContainsAnyExceptInRange('\u0021', '\u007e'))
        {
            throw new ArgumentException(
                $"Host '{host}' must be a precise host or '*.' followed by a suffix, in printable ASCII, without '*', ':', '[' or ']' (request hosts have their port removed before matching).",
                paramName);
        }

        if (body[^1] == '.')
        {
            throw new ArgumentException($"Host '{host}' must not end with '.': request hosts lose their trailing dot before matching, so it could never match.", paramName);
        }

        if (body.Length == host.Length && IsIPv4Literal(body))
        {
            throw new ArgumentException($"Host '{host}' is an IP address; IP-literal request hosts only match rules without a host.", paramName);
        }

        return LowerAscii(host);
    }
}
