using System.Diagnostics.CodeAnalysis;

namespace RoutingCore.Matching;

/// <summary>
/// The answer of <see cref="HostPathMatcher{TValue}.Match"/>: the chosen value, where it came from and the id of the rule
/// that supplied it. A small value type, so matching allocates nothing.
/// </summary>
/// <typeparam name="TValue">The value type stored in the matcher.</typeparam>
public readonly record struct HostPathMatch<TValue>
{
    internal HostPathMatch(TValue? value, MatchOutcome outcome, HostGroupKind group, int ruleId)
    {
        Value = value;
        Outcome = outcome;
        Group = group;
        RuleId = ruleId;
    }

    /// <summary>The chosen value; <see langword="default"/> when <see cref="Outcome"/> is <see cref="MatchOutcome.None"/>.</summary>
    public TValue? Value { get; }

    /// <summary>Whether a path rule, a fallback, or nothing supplied the value.</summary>
    public MatchOutcome Outcome { get; }

    /// <summary>Which host group the request host selected (also when the value is a fallback).</summary>
    public HostGroupKind Group { get; }

    /// <summary>
    /// The id of the rule or fallback that supplied the value, as returned by the builder (an index into
    /// <see cref="HostPathMatcher{TValue}.Rules"/>); -1 when <see cref="Outcome"/> is <see cref="MatchOutcome.None"/>.
    /// </summary>
    public int RuleId { get; }

    /// <summary>Whether a value was found (a path rule or a fallback).</summary>
    public bool HasValue => Outcome != MatchOutcome.None;

    /// <summary>Gets the value when one was found.</summary>
    /// <param name="value">The value, or <see langword="default"/> when nothing applies.</param>
    /// <returns><see langword="true"/> unless <see cref="Outcome"/> is <see cref="MatchOutcome.None"/>.</returns>
    public bool TryGetValue([MaybeNullWhen(false)] out TValue value)
    {
        value = Value!;
        return HasValue;
    }
}
