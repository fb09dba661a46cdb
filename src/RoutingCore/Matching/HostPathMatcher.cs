namespace RoutingCore.Matching;

/// <summary>
/// A compiled, immutable host + path matcher with Kubernetes Ingress v1 semantics. Built by
/// <see cref="HostPathMatcherBuilder{TValue}"/>; safe to share between threads; <see cref="Match"/> allocates nothing.
/// </summary>
/// <remarks>
/// To swap tables at run time, build a new matcher off the request path and publish it with one reference write
/// (<see cref="Volatile.Write{T}(ref T, T)"/>); requests in flight keep the instance they read.
/// </remarks>
/// <example>
/// <code>
/// var builder = new HostPathMatcherBuilder&lt;string&gt;();
/// builder.AddPath("example.com", PathMatchType.Prefix, "/docs", "docs");
/// builder.AddPath("example.com", PathMatchType.Exact, "/docs", "docs-index");
/// var matcher = builder.Build();
///
/// var hit = matcher.Match("EXAMPLE.com:8080", "/docs");
/// // hit.Value == "docs-index" (Exact beats Prefix at equal length), hit.Outcome == MatchOutcome.Path
///
/// Console.WriteLine(matcher.Explain("example.com", "/docs/x"));
/// // prints the host decision, every candidate path with why it won or lost, and the result
/// </code>
/// </example>
/// <typeparam name="TValue">What a match returns.</typeparam>
public sealed class HostPathMatcher<TValue>
{
    private readonly MatchTable _table;
    private readonly MatcherLayout _layout;
    private readonly MatcherRule[] _rules;
    private readonly TValue[] _values;
    private readonly ShadowedRule[] _shadowed;

    internal HostPathMatcher(MatchTable table, MatcherLayout layout, MatcherRule[] rules, TValue[] values, ShadowedRule[] shadowed)
    {
        _table = table;
        _layout = layout;
        _rules = rules;
        _values = values;
        _shadowed = shadowed;
    }

    /// <summary>Every rule and fallback given to the builder, indexed by id.</summary>
    public IReadOnlyList<MatcherRule> Rules => _rules;

    /// <summary>
    /// Rules that can never be chosen, ordered by id: duplicate declarations (same host, type and path; same group
    /// fallback; several global fallbacks) that lost on order key, and paths equivalent to a higher-ranked one.
    /// </summary>
    public IReadOnlyList<ShadowedRule> ShadowedRules => _shadowed;

    /// <summary>Number of host groups (precise, wildcard and any-host).</summary>
    public int HostGroupCount => _layout.GroupHosts.Length;

    /// <summary>The value declared with rule <paramref name="ruleId"/>.</summary>
    /// <param name="ruleId">An id returned by the builder.</param>
    /// <returns>The value.</returns>
    public TValue GetValue(int ruleId) => _values[ruleId];

    /// <summary>
    /// Finds the value for a request. <paramref name="host"/> is the raw <c>Host</c>/<c>:authority</c> value: its port
    /// (also after <c>[v6]</c>), one trailing dot and ASCII case are ignored; empty means no host.
    /// <paramref name="path"/> is the request path; anything from the first <c>?</c> or <c>#</c> is ignored, empty means
    /// <c>/</c>, and the rest is compared byte for byte (decode and normalise it beforehand, if wanted).
    /// </summary>
    /// <param name="host">The request host, possibly with a port.</param>
    /// <param name="path">The request path, possibly with a query.</param>
    /// <returns>The value and where it came from; never throws, never allocates.</returns>
    public HostPathMatch<TValue> Match(ReadOnlySpan<char> host, ReadOnlySpan<char> path)
    {
        var tracer = default(NoTracer);
        var resolution = _table.Resolve(host, path, ref tracer);
        return ToMatch(resolution);
    }

    /// <summary>
    /// Decides the request exactly as <see cref="Match"/> does (the same routine, with a recording tracer) and returns
    /// the reasoning: which host group was chosen and why, every path of that group with why it won, lost or did not
    /// match, and the fallback used. For diagnostics; allocates.
    /// </summary>
    /// <param name="host">The request host, possibly with a port.</param>
    /// <param name="path">The request path, possibly with a query.</param>
    /// <returns>The explanation; its <see cref="MatchExplanation{TValue}.Result"/> equals what <see cref="Match"/> returns.</returns>
    public MatchExplanation<TValue> Explain(ReadOnlySpan<char> host, ReadOnlySpan<char> path)
    {
        var log = new ExplainLog();
        var tracer = new RecordingTracer(log);
        var resolution = _table.Resolve(host, path, ref tracer);
        var writer = new ExplanationWriter(_layout, _rules, log, resolution);
        return new MatchExplanation<TValue>(
            host.ToString(), path.ToString(), log.Path, writer.GroupHost, ToMatch(resolution), writer.Steps(), writer.Candidates());
    }

    private HostPathMatch<TValue> ToMatch(Resolution resolution) =>
        new(resolution.RuleId >= 0 ? _values[resolution.RuleId] : default, resolution.Outcome, resolution.GroupKind, resolution.RuleId);
}
