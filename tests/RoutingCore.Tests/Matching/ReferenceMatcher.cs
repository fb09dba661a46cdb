using System.Text.RegularExpressions;
using RoutingCore.Matching;

namespace RoutingCore.Tests.Matching;

/// <summary>
/// The oracle: spec §6.1–§6.2 (and ING-D1/D2) written as plainly as possible — string operations, linear scans, one
/// sort key — with no trie, no tables and no code shared with the compiled matcher.
/// </summary>
public sealed partial class ReferenceMatcher
{
    private readonly List<Rule> _rules = [];
    private readonly List<string> _groups = []; // "" stands for the any-host group

    public ReferenceMatcher(IEnumerable<Declaration> declarations)
    {
        foreach (var d in declarations)
        {
            var host = string.IsNullOrEmpty(d.Host) ? "" : d.Host.ToLowerInvariant();
            if (d.Kind != DeclarationKind.GlobalFallback && !_groups.Contains(host))
            {
                _groups.Add(host);
            }

            if (d.Kind != DeclarationKind.Host)
            {
                _rules.Add(new Rule(_rules.Count, d.Kind, host, d.Type, d.Path ?? "", d.Order));
            }
        }
    }

    /// <summary>The rules and fallbacks, indexed by id.</summary>
    public IReadOnlyList<Rule> Rules => _rules;

    public sealed record Rule(int Id, DeclarationKind Kind, string Host, PathMatchType Type, string Path, long Order)
    {
        /// <summary>ING-P3: an empty ImplementationSpecific path is "/".</summary>
        public string Effective => Path.Length == 0 ? "/" : Path;

        /// <summary>ING-P2's p: the path with its trailing "/" removed.</summary>
        public string Trimmed => Effective.EndsWith('/') ? Effective[..^1] : Effective;

        public int MatchLength => Type == PathMatchType.Exact ? Effective.Length : Trimmed.Length;

        public bool Matches(string requestPath) => Type == PathMatchType.Exact
            ? requestPath == Effective
            : Trimmed.Length == 0 || requestPath == Trimmed || requestPath.StartsWith(Trimmed + "/", StringComparison.Ordinal);
    }

    /// <summary>ING-H1: drop the port, lower-case ASCII, remove one trailing dot.</summary>
    public static string NormalizeHost(string host)
    {
        if (host.StartsWith('['))
        {
            var close = host.IndexOf(']');
            if (close >= 0)
            {
                host = host[..(close + 1)];
            }
        }
        else if (host.Contains(':'))
        {
            host = host[..host.IndexOf(':')];
        }

        host = new string(host.Select(c => c is >= 'A' and <= 'Z' ? (char)(c + 32) : c).ToArray());
        return host.EndsWith('.') ? host[..^1] : host;
    }

    /// <summary>ING-P0: the path up to the first '?' or '#'; empty becomes "/".</summary>
    public static string NormalizePath(string path)
    {
        var cut = path.IndexOfAny(['?', '#']);
        var result = cut >= 0 ? path[..cut] : path;
        return result.Length == 0 ? "/" : result;
    }

    /// <summary>ING-H6 (with H4 and H5): the selected group, or null.</summary>
    public (string? Group, HostGroupKind Kind) SelectGroup(string requestHost)
    {
        var host = NormalizeHost(requestHost);
        var isIP = IPv4().IsMatch(host) && host.Split('.').All(part => int.Parse(part) <= 255);
        if (host.Length > 0 && !isIP)
        {
            if (_groups.Contains(host))
            {
                return (host, HostGroupKind.Exact);
            }

            foreach (var group in _groups.Where(g => g.StartsWith("*.", StringComparison.Ordinal)))
            {
                var suffix = group[1..]; // ".foo.com"
                var label = host.EndsWith(suffix, StringComparison.Ordinal) ? host[..^suffix.Length] : null;
                if (label is { Length: > 0 } && !label.Contains('.'))
                {
                    return (group, HostGroupKind.Wildcard);
                }
            }
        }

        return _groups.Contains("") ? ("", HostGroupKind.AnyHost) : (null, HostGroupKind.None);
    }

    /// <summary>The matching path rules of the selected group, best first (ING-P4).</summary>
    public IReadOnlyList<Rule> Candidates(string requestHost, string requestPath)
    {
        var (group, _) = SelectGroup(requestHost);
        var path = NormalizePath(requestPath);
        return [.. _rules
            .Where(r => r.Kind == DeclarationKind.Path && r.Host == group && r.Matches(path))
            .OrderByDescending(r => r.MatchLength)
            .ThenBy(r => r.Type) // Exact, Prefix, ImplementationSpecific
            .ThenByDescending(r => r.Effective.Length)
            .ThenBy(r => r.Order)
            .ThenBy(r => r.Id)];
    }

    /// <summary>The full decision: path rule, else group fallback (ING-D2), else global fallback (ING-D1), else none.</summary>
    public (MatchOutcome Outcome, int RuleId, HostGroupKind Group) Decide(string requestHost, string requestPath)
    {
        var (group, kind) = SelectGroup(requestHost);
        if (group is not null)
        {
            var candidates = Candidates(requestHost, requestPath);
            if (candidates.Count > 0)
            {
                return (MatchOutcome.Path, candidates[0].Id, kind);
            }

            var fallback = Oldest(_rules.Where(r => r.Kind == DeclarationKind.GroupFallback && r.Host == group));
            if (fallback is not null)
            {
                return (MatchOutcome.GroupFallback, fallback.Id, kind);
            }
        }

        var global = Oldest(_rules.Where(r => r.Kind == DeclarationKind.GlobalFallback));
        return global is null ? (MatchOutcome.None, -1, kind) : (MatchOutcome.GlobalFallback, global.Id, kind);
    }

    private static Rule? Oldest(IEnumerable<Rule> rules) => rules.OrderBy(r => r.Order).ThenBy(r => r.Id).FirstOrDefault();

    [GeneratedRegex(@"^[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\z")]
    private static partial Regex IPv4();
}
