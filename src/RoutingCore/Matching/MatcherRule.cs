using System.Globalization;

namespace RoutingCore.Matching;

/// <summary>
/// One declaration given to a <see cref="HostPathMatcherBuilder{TValue}"/>: a path rule or a fallback, with the id the
/// builder returned for it. Read it back through <see cref="HostPathMatcher{TValue}.Rules"/> to explain a decision or
/// report a conflict.
/// </summary>
public sealed record MatcherRule
{
    internal MatcherRule(int id, MatcherRuleKind kind, string? host, PathMatchType pathType, string? path, long order)
    {
        Id = id;
        Kind = kind;
        Host = host;
        PathType = pathType;
        Path = path;
        Order = order;
    }

    /// <summary>The id returned by the builder; ids are dense, in the order of the <c>Add…</c> calls.</summary>
    public int Id { get; }

    /// <summary>Whether this is a path rule or a fallback.</summary>
    public MatcherRuleKind Kind { get; }

    /// <summary>
    /// The host pattern, lower-cased: a precise host, <c>*.suffix</c>, or <see langword="null"/> for any host (and for
    /// the global fallback).
    /// </summary>
    public string? Host { get; }

    /// <summary>The path type; meaningful only when <see cref="Kind"/> is <see cref="MatcherRuleKind.Path"/>.</summary>
    public PathMatchType PathType { get; }

    /// <summary>The path exactly as declared, or <see langword="null"/> for a fallback.</summary>
    public string? Path { get; }

    /// <summary>The caller's ordering key; the lowest wins a tie.</summary>
    public long Order { get; }

    /// <summary>The path the rule matches with: the declared path, except that an empty ImplementationSpecific path is <c>/</c>.</summary>
    internal string EffectivePath => Path is { Length: > 0 } p ? p : "/";

    /// <summary>
    /// The ING-P4 match length: the path length for Exact; for Prefix and ImplementationSpecific the length of the
    /// path with one trailing <c>/</c> removed (so Prefix <c>/</c> has length 0).
    /// </summary>
    internal int MatchLength
    {
        get
        {
            var path = EffectivePath;
            return PathType == PathMatchType.Exact || path[^1] != '/' ? path.Length : path.Length - 1;
        }
    }

    /// <summary>A one-line description, such as <c>#4 Prefix /api on *.example.com (order 7)</c>.</summary>
    public override string ToString()
    {
        var host = Host ?? "any host";
        return Kind switch
        {
            MatcherRuleKind.Path => string.Create(CultureInfo.InvariantCulture, $"#{Id} {PathType} {(Path is { Length: > 0 } ? Path : "\"\"")} on {host} (order {Order})"),
            MatcherRuleKind.GroupFallback => string.Create(CultureInfo.InvariantCulture, $"#{Id} fallback of {host} (order {Order})"),
            _ => string.Create(CultureInfo.InvariantCulture, $"#{Id} global fallback (order {Order})"),
        };
    }
}
