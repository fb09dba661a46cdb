using RoutingCore.Matching;

namespace RoutingCore.Benchmarks.Matching;

/// <summary>One synthetic Ingress-like rule.</summary>
/// <param name="Id">Index in the table; every competitor returns it.</param>
/// <param name="Host">Precise host (<c>h7.example.com</c>) or wildcard (<c>*.w1.example.com</c>).</param>
/// <param name="Type">Exact or Prefix.</param>
/// <param name="Path">One to three lower-case words.</param>
internal sealed record RouteRule(int Id, string Host, PathMatchType Type, string Path)
{
    public bool IsWildcard => Host.StartsWith("*.", StringComparison.Ordinal);
}

/// <summary>Which requests a benchmark sends.</summary>
public enum RequestMix
{
    /// <summary>A random precise-host rule's path, Prefix hits extended by <c>/x/y</c> half the time.</summary>
    Hit,

    /// <summary>The same for wildcard rules, with a one-label host under the wildcard.</summary>
    WildcardHit,

    /// <summary>Half unknown hosts, half known hosts with an unknown path.</summary>
    Miss,
}

/// <summary>
/// The table of the research note (shared/research/matcher-design.md §2.3): N rules over max(2, N/10) hosts, every
/// tenth host group a one-label wildcard, round-robin over hosts, 1–3 segment paths from 20 common words, 80% Prefix,
/// duplicates (same host, type, path) skipped. Requests stay clear of the known semantic gaps with ASP.NET Core
/// (case, trailing slashes, multi-label wildcard hosts). Seeded, so every process builds the same table.
/// </summary>
internal sealed class RouteTable
{
    private static readonly string[] Words =
    [
        "api", "v1", "v2", "users", "orders", "items", "search", "admin", "static", "assets",
        "login", "logout", "health", "metrics", "cart", "products", "images", "docs", "blog", "account",
    ];

    private RouteTable(RouteRule[] rules) => Rules = rules;

    public RouteRule[] Rules { get; }

    public static RouteTable Create(int ruleCount, int seed = 42)
    {
        var random = new Random(seed);
        var hostCount = Math.Max(2, ruleCount / 10);
        var seen = new HashSet<(string, PathMatchType, string)>();
        var rules = new List<RouteRule>(ruleCount);
        for (var attempt = 0; rules.Count < ruleCount; attempt++)
        {
            var hostIndex = attempt % hostCount;
            var host = hostIndex % 10 == 1 ? $"*.w{hostIndex}.example.com" : $"h{hostIndex}.example.com";
            var type = random.Next(5) == 0 ? PathMatchType.Exact : PathMatchType.Prefix;
            var path = string.Concat(Enumerable.Range(0, random.Next(1, 4)).Select(_ => "/" + Words[random.Next(Words.Length)]));
            if (seen.Add((host, type, path)))
            {
                rules.Add(new RouteRule(rules.Count, host, type, path));
            }
        }

        return new RouteTable([.. rules]);
    }

    public (string Host, string Path)[] Requests(RequestMix mix, int count, int seed = 7)
    {
        var random = new Random(seed);
        var precise = Rules.Where(r => !r.IsWildcard).ToArray();
        var wildcard = Rules.Where(r => r.IsWildcard).ToArray();
        var requests = new (string, string)[count];
        for (var i = 0; i < count; i++)
        {
            requests[i] = mix switch
            {
                RequestMix.Hit => Hit(precise[random.Next(precise.Length)], random, i),
                RequestMix.WildcardHit => Hit(wildcard[random.Next(wildcard.Length)], random, i),
                _ => i % 2 == 0
                    ? ($"nohost{i}.example.org", precise[random.Next(precise.Length)].Path)
                    : (precise[random.Next(precise.Length)].Host, "/zzz/" + Words[random.Next(Words.Length)]),
            };
        }

        return requests;
    }

    private static (string, string) Hit(RouteRule rule, Random random, int i)
    {
        var host = rule.IsWildcard ? $"t{i}{rule.Host[1..]}" : rule.Host;
        var path = rule.Type == PathMatchType.Prefix && random.Next(2) == 0 ? rule.Path + "/x/y" : rule.Path;
        return (host, path);
    }
}
