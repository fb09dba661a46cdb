using RoutingCore.Matching;

namespace RoutingCore.Benchmarks.Matching;

/// <summary>
/// The naive baseline: scan every rule to find the host group (precise, else one-label wildcard, no any-host rules in
/// these tables), then scan every rule of that group and keep the best match by ING-P4. Allocation-free, but linear.
/// </summary>
internal sealed class LinearScanMatcher(IReadOnlyList<RouteRule> rules)
{
    private readonly RouteRule[] _rules = [.. rules];

    public int Match(ReadOnlySpan<char> host, ReadOnlySpan<char> path)
    {
        var colon = host.IndexOf(':');
        host = colon >= 0 ? host[..colon] : host;
        var group = FindGroup(host);
        if (group is null)
        {
            return -1;
        }

        RouteRule? best = null;
        foreach (var rule in _rules)
        {
            if (rule.Host == group && Matches(rule, path) && (best is null || Outranks(rule, best)))
            {
                best = rule;
            }
        }

        return best?.Id ?? -1;
    }

    private string? FindGroup(ReadOnlySpan<char> host)
    {
        var dot = host.IndexOf('.');
        string? wildcard = null;
        foreach (var rule in _rules)
        {
            if (!rule.IsWildcard && host.Equals(rule.Host, StringComparison.OrdinalIgnoreCase))
            {
                return rule.Host;
            }

            if (wildcard is null && rule.IsWildcard && dot > 0 && host[(dot + 1)..].Equals(rule.Host.AsSpan(2), StringComparison.OrdinalIgnoreCase))
            {
                wildcard = rule.Host;
            }
        }

        return wildcard;
    }

    private static bool Matches(RouteRule rule, ReadOnlySpan<char> path) => rule.Type == PathMatchType.Exact
        ? path.SequenceEqual(rule.Path)
        : path.StartsWith(rule.Path, StringComparison.Ordinal) && (path.Length == rule.Path.Length || path[rule.Path.Length] == '/');

    private static bool Outranks(RouteRule a, RouteRule b) =>
        a.Path.Length != b.Path.Length ? a.Path.Length > b.Path.Length : a.Type < b.Type;
}
