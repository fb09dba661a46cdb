using System.Globalization;
using System.Net;
using System.Security.Authentication;

namespace RoutingCore.AspNetCore.Settings;

/// <summary>
/// Parsers for the value syntaxes ingress-nginx settings use: seconds (<c>60</c>, or with a unit <c>60s</c>,
/// <c>500ms</c>, <c>2m</c>, <c>1h</c>), nginx sizes (<c>512</c>, <c>8k</c>, <c>1m</c>, <c>1g</c>), booleans, integers,
/// CIDR lists and TLS version lists. Hand-written scanners over the characters: no regular expression, no config
/// language. Each returns null on success or the reason the value is refused.
/// </summary>
internal static class SettingValues
{
    /// <summary>The longest duration any setting accepts (one day).</summary>
    private static readonly TimeSpan MaxDuration = TimeSpan.FromDays(1);

    public static string? Duration(string value, bool allowZero, out TimeSpan result)
    {
        result = default;
        var text = value.AsSpan().Trim();
        var digits = 0;
        while (digits < text.Length && char.IsAsciiDigit(text[digits]))
        {
            digits++;
        }

        var unit = text[digits..];
        long scale = unit switch
        {
            "" or "s" => TimeSpan.TicksPerSecond,
            "ms" => TimeSpan.TicksPerMillisecond,
            "m" => TimeSpan.TicksPerMinute,
            "h" => TimeSpan.TicksPerHour,
            _ => 0,
        };
        if (digits == 0 || digits > 9 || scale == 0 || !long.TryParse(text[..digits], NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return "expected seconds such as 60, or a number with a unit: 500ms, 60s, 2m, 1h";
        }

        result = TimeSpan.FromTicks(number * scale);
        if (result == TimeSpan.Zero && !allowZero)
        {
            return "must be more than zero";
        }

        return result > MaxDuration ? "must be at most 24h" : null;
    }

    public static string? Size(string value, out long bytes)
    {
        bytes = 0;
        var text = value.AsSpan().Trim();
        var digits = 0;
        while (digits < text.Length && char.IsAsciiDigit(text[digits]))
        {
            digits++;
        }

        long scale = text[digits..] switch
        {
            "" => 1,
            "k" or "K" => 1L << 10,
            "m" or "M" => 1L << 20,
            "g" or "G" => 1L << 30,
            _ => 0,
        };
        if (digits == 0 || digits > 12 || scale == 0 || !long.TryParse(text[..digits], NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return "expected a size in bytes with an optional unit k, m or g, such as 8m; 0 means no limit";
        }

        bytes = number * scale;
        return null;
    }

    public static string? Boolean(string value, out bool result)
    {
        var text = value.AsSpan().Trim();
        result = text.Equals("true", StringComparison.OrdinalIgnoreCase);
        return result || text.Equals("false", StringComparison.OrdinalIgnoreCase) ? null : "expected true or false";
    }

    public static string? Integer(string value, int min, int max, out int result) =>
        int.TryParse(value.AsSpan().Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out result) && result >= min && result <= max
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"expected a whole number from {min} to {max}");

    public static string? Cidrs(string value, out IReadOnlyList<IPNetwork> result)
    {
        var networks = new List<IPNetwork>();
        result = networks;
        foreach (var part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!IPNetwork.TryParse(part, out var network))
            {
                return $"\"{part}\" is not a CIDR such as 10.0.0.0/8";
            }

            networks.Add(network);
        }

        return networks.Count == 0 ? "expected a comma-separated list of CIDRs such as 10.0.0.0/8" : null;
    }

    public static string? TlsVersions(string value, out SslProtocols result)
    {
        result = SslProtocols.None;
        foreach (var token in value.Split(' ', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            switch (token)
            {
                case "TLSv1.2":
                    result |= SslProtocols.Tls12;
                    break;
                case "TLSv1.3":
                    result |= SslProtocols.Tls13;
                    break;
                case "TLSv1" or "TLSv1.1" or "SSLv2" or "SSLv3":
                    return $"{token} is obsolete and not offered; use TLSv1.2 and TLSv1.3";
                default:
                    return $"unknown protocol \"{token}\"; expected a space-separated list of TLSv1.2 and TLSv1.3";
            }
        }

        return result == SslProtocols.None ? "expected a space-separated list of TLSv1.2 and TLSv1.3" : null;
    }

    public static string? LoadBalance(string value, out LoadBalanceAlgorithm result)
    {
        (result, var ok) = value.Trim() switch
        {
            "round_robin" => (LoadBalanceAlgorithm.RoundRobin, true),
            "random" => (LoadBalanceAlgorithm.Random, true),
            "least_request" => (LoadBalanceAlgorithm.LeastRequest, true),
            "ewma" or "power_of_two_choices" => (LoadBalanceAlgorithm.PowerOfTwoChoices, true),
            _ => (LoadBalanceAlgorithm.RoundRobin, false),
        };
        return ok ? null : "expected round_robin, random, least_request, ewma or power_of_two_choices";
    }

    /// <summary>True for characters a header or cookie name may hold (RFC 9110 token).</summary>
    public static bool IsToken(string value)
    {
        if (value.Length == 0)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal)))
            {
                return false;
            }
        }

        return true;
    }
}
