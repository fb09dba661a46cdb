using System.Collections.Immutable;

namespace RoutingCore.Selectors;

/// <summary>One <c>matchExpressions</c> entry of a <see cref="LabelSelector"/>, as <c>metav1.LabelSelectorRequirement</c>.</summary>
/// <param name="Key">The label key the requirement applies to.</param>
/// <param name="Operator">One of <see cref="LabelSelectorOperators"/>; kept as text so that validation can report a bad one (LBL-9).</param>
/// <param name="Values">The values: non-empty for In/NotIn, empty for Exists/DoesNotExist. A default array counts as empty.</param>
public sealed record LabelSelectorRequirement(string Key, string Operator, ImmutableArray<string> Values)
{
    /// <summary>A requirement without values (Exists, DoesNotExist).</summary>
    /// <param name="key">The label key.</param>
    /// <param name="op">The operator.</param>
    public LabelSelectorRequirement(string key, string op)
        : this(key, op, [])
    {
    }

    /// <summary>The values, never a default array.</summary>
    internal ImmutableArray<string> ValuesOrEmpty => Values.IsDefault ? [] : Values;
}
