using System.Collections.Immutable;

namespace RoutingCore.Selectors;

/// <summary>
/// A structured label selector, as <c>metav1.LabelSelector</c>: <c>matchLabels</c> and <c>matchExpressions</c>,
/// all ANDed (LBL-6). An empty selector matches every object; a missing (null) one matches none (LBL-7).
/// Compile it with <see cref="Selector.FromLabelSelector(LabelSelector?)"/>; validate it with
/// <see cref="LabelSelectorValidation.Validate(LabelSelector?, Validation.FieldPath, List{Validation.FieldError})"/>.
/// </summary>
public sealed record LabelSelector
{
    /// <summary>The empty selector <c>{}</c>, which matches every object.</summary>
    public static LabelSelector Empty { get; } = new();

    /// <summary>Exact label matches; <c>{k: v}</c> is the same as <c>{key: k, operator: In, values: [v]}</c>.</summary>
    public ImmutableSortedDictionary<string, string> MatchLabels { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    /// <summary>Set-based requirements.</summary>
    public ImmutableArray<LabelSelectorRequirement> MatchExpressions { get; init; } = [];
}
