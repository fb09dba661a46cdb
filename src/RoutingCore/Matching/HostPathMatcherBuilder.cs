namespace RoutingCore.Matching;

/// <summary>
/// Collects host + path rules and fallbacks, then compiles them into an immutable <see cref="HostPathMatcher{TValue}"/>
/// with Kubernetes Ingress v1 semantics. Not thread-safe; the matcher it builds is.
/// </summary>
/// <remarks>
/// <para>
/// <b>Hosts.</b> <see langword="null"/> or empty means any host; <c>*.example.com</c> covers exactly one extra label
/// (<c>a.example.com</c>, not <c>example.com</c> nor <c>a.b.example.com</c>); anything else is a precise host. Hosts are
/// compared case-insensitively (ASCII). Every distinct host forms one <i>host group</i>; a request selects exactly
/// one group — its precise host, else the wildcard covering it, else the any-host group — and only that group's paths
/// are tried (no fall-through to wider groups).
/// </para>
/// <para>
/// <b>Precedence</b> among matching paths of a group: longer match length (the path, minus one trailing <c>/</c> for
/// Prefix and ImplementationSpecific), then Exact before Prefix before ImplementationSpecific, then the longer declared
/// path, then the lower <c>order</c>, then the earlier call. The <c>order</c> key expresses "older wins": compute one
/// <see cref="long"/> per rule that sorts your declarations the way ties must go (the Ingress compiler ranks by
/// creation timestamp, namespace/name, rule index, path index and passes the rank). Rules declared more than once
/// (same host, type and path) keep the lowest order and are reported in <see cref="HostPathMatcher{TValue}.ShadowedRules"/>.
/// </para>
/// <para>
/// <b>Fallbacks.</b> When the selected group has no matching path, its fallback applies
/// (<see cref="AddGroupFallback"/>), else the global fallback (<see cref="AddGlobalFallback"/>), which also serves
/// hosts that select no group. Without either, the result is <see cref="MatchOutcome.None"/>.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// var builder = new HostPathMatcherBuilder&lt;string&gt;();
/// builder.AddPath("shop.example.com", PathMatchType.Prefix, "/", "shop-web");
/// builder.AddPath("shop.example.com", PathMatchType.Prefix, "/api", "shop-api");
/// builder.AddPath("*.example.com", PathMatchType.Prefix, "/", "tenant-web");
/// builder.AddGlobalFallback("default-404");
/// HostPathMatcher&lt;string&gt; matcher = builder.Build();
///
/// matcher.Match("Shop.Example.com:443", "/api/orders?id=1").Value; // "shop-api"
/// matcher.Match("acme.example.com", "/anything").Value;            // "tenant-web"
/// matcher.Match("other.org", "/").Outcome;                          // MatchOutcome.GlobalFallback
/// </code>
/// </example>
/// <typeparam name="TValue">What a match returns, for example a backend.</typeparam>
public sealed class HostPathMatcherBuilder<TValue>
{
    private readonly List<MatcherRule> _rules = [];
    private readonly List<TValue> _values = [];
    private readonly List<string?> _groupHosts = [];
    private readonly HashSet<string> _groupKeys = new(StringComparer.Ordinal);

    /// <summary>Number of rules and fallbacks added so far (the next id).</summary>
    public int Count => _rules.Count;

    /// <summary>Adds a path rule to the group of <paramref name="host"/> and returns its id.</summary>
    /// <param name="host">A precise host, <c>*.suffix</c>, or <see langword="null"/>/empty for any host.</param>
    /// <param name="pathType">How <paramref name="path"/> is compared.</param>
    /// <param name="path">
    /// The path; must start with <c>/</c>. For <see cref="PathMatchType.ImplementationSpecific"/>, <see langword="null"/>
    /// or empty means <c>/</c>. Compared byte for byte, case-sensitively, without decoding.
    /// </param>
    /// <param name="value">Returned when this rule wins.</param>
    /// <param name="order">Tie-break key: among equally specific rules the lowest wins (then the earlier call).</param>
    /// <returns>The rule id (dense, in call order, shared with fallbacks).</returns>
    /// <exception cref="ArgumentException">The host or path is malformed.</exception>
    /// <example>
    /// <code>
    /// int id = builder.AddPath("api.example.com", PathMatchType.Exact, "/healthz", backend, order: 3);
    /// </code>
    /// </example>
    public int AddPath(string? host, PathMatchType pathType, string? path, TValue value, long order = 0)
    {
        if (!Enum.IsDefined(pathType))
        {
            throw new ArgumentOutOfRangeException(nameof(pathType), pathType, "Unknown path type.");
        }

        path ??= string.Empty;
        if (!path.StartsWith('/') && !(pathType == PathMatchType.ImplementationSpecific && path.Length == 0))
        {
            throw new ArgumentException($"Path '{path}' must start with '/'.", nameof(path));
        }

        return Add(MatcherRuleKind.Path, DeclareGroup(host), pathType, path, value, order);
    }

    /// <summary>
    /// Declares the group of <paramref name="host"/> without adding a path (a Kubernetes rule with a host and no
    /// <c>http</c>). The group still captures its host: requests for it get the group's fallback, never a wider group.
    /// </summary>
    /// <param name="host">A precise host, <c>*.suffix</c>, or <see langword="null"/>/empty for any host.</param>
    /// <exception cref="ArgumentException">The host is malformed.</exception>
    public void AddHost(string? host) => DeclareGroup(host);

    /// <summary>
    /// Adds a fallback for the group of <paramref name="host"/> (declaring the group if needed): used when that group is
    /// selected and none of its paths matches. If declared several times, the lowest <paramref name="order"/> wins.
    /// </summary>
    /// <param name="host">A precise host, <c>*.suffix</c>, or <see langword="null"/>/empty for the any-host group.</param>
    /// <param name="value">Returned when this fallback applies.</param>
    /// <param name="order">Tie-break key among fallbacks of the same group.</param>
    /// <returns>The fallback's id (shared id space with path rules).</returns>
    /// <exception cref="ArgumentException">The host is malformed.</exception>
    public int AddGroupFallback(string? host, TValue value, long order = 0) =>
        Add(MatcherRuleKind.GroupFallback, DeclareGroup(host), PathMatchType.Prefix, null, value, order);

    /// <summary>
    /// Adds the global fallback: used when the host selects no group, or the selected group matches no path and has no
    /// fallback. If declared several times, the lowest <paramref name="order"/> wins.
    /// </summary>
    /// <param name="value">Returned when the global fallback applies.</param>
    /// <param name="order">Tie-break key among global fallbacks.</param>
    /// <returns>The fallback's id (shared id space with path rules).</returns>
    public int AddGlobalFallback(TValue value, long order = 0) =>
        Add(MatcherRuleKind.GlobalFallback, null, PathMatchType.Prefix, null, value, order);

    /// <summary>
    /// Compiles everything added so far into an immutable, thread-safe matcher. The builder stays usable; later additions
    /// do not affect matchers already built.
    /// </summary>
    /// <returns>The compiled matcher.</returns>
    public HostPathMatcher<TValue> Build()
    {
        var (table, layout, shadowed) = MatcherCompiler.Compile(_rules, _groupHosts);
        return new HostPathMatcher<TValue>(table, layout, [.. _rules], [.. _values], shadowed);
    }

    private string? DeclareGroup(string? host)
    {
        var normalized = HostNormalizer.NormalizeRuleHost(host, nameof(host));
        if (_groupKeys.Add(normalized ?? string.Empty))
        {
            _groupHosts.Add(normalized);
        }

        return normalized;
    }

    private int Add(MatcherRuleKind kind, string? host, PathMatchType pathType, string? path, TValue value, long order)
    {
        var id = _rules.Count;
        _rules.Add(new MatcherRule(id, kind, host, pathType, path, order));
        _values.Add(value);
        return id;
    }
}
