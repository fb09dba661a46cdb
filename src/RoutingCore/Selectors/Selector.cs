using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using System.Text;
using RoutingCore.Validation;

namespace RoutingCore.Selectors;

/// <summary>
/// A compiled label selector: requirements ANDed together (LBL-6), evaluated against a label set without allocating.
/// Built from a structured <see cref="LabelSelector"/>, a Service's equality map, or the string form
/// (<c>app=web,tier in (fe,be),!canary</c>). Immutable and safe to share between threads.
/// </summary>
/// <remarks>
/// Requirements are kept in a canonical order (key, operator, values), so two selectors that say the same thing in
/// the same words compare equal and print the same. <see cref="Nothing"/> is distinct from every requirement list:
/// it is what a missing structured selector and an empty Service selector compile to.
/// </remarks>
/// <example>
/// <code>
/// var selector = Selector.Parse("app=web,tier in (fe,be)");
/// bool selected = selector.Matches(pod.Metadata.Labels);
/// </code>
/// </example>
public sealed class Selector : IEquatable<Selector>
{
    private readonly Requirement[] _requirements;
    private readonly bool _matchesNothing;

    private Selector(Requirement[] requirements, bool matchesNothing)
    {
        _requirements = requirements;
        _matchesNothing = matchesNothing;
    }

    /// <summary>The selector without requirements: it matches every label set (<c>{}</c>, LBL-7).</summary>
    public static Selector Everything { get; } = new([], matchesNothing: false);

    /// <summary>The selector that matches no label set (a null structured selector, LBL-7; an empty Service selector, LBL-8).</summary>
    public static Selector Nothing { get; } = new([], matchesNothing: true);

    /// <summary>The requirements, in canonical order; empty for <see cref="Everything"/> and <see cref="Nothing"/>.</summary>
    public ImmutableArray<Requirement> Requirements => ImmutableCollectionsMarshal.AsImmutableArray(_requirements);

    /// <summary>True for <see cref="Nothing"/>.</summary>
    public bool IsNothing => _matchesNothing;

    /// <summary>True when the selector has no requirements and so matches everything.</summary>
    public bool IsEverything => !_matchesNothing && _requirements.Length == 0;

    /// <summary>Combines requirements into a selector (an empty list gives <see cref="Everything"/>).</summary>
    /// <param name="requirements">The requirements to AND.</param>
    public static Selector Create(IEnumerable<Requirement> requirements)
    {
        ArgumentNullException.ThrowIfNull(requirements);
        Requirement[] sorted = [.. requirements];
        if (sorted.Length == 0)
        {
            return Everything;
        }

        // Stable sort is not needed: equal elements under Compare are equal requirements.
        Array.Sort(sorted, Requirement.Compare);
        return new Selector(sorted, matchesNothing: false);
    }

    /// <summary>
    /// Compiles a structured selector (LBL-7): null gives <see cref="Nothing"/>, <c>{}</c> gives <see cref="Everything"/>,
    /// each <c>matchLabels</c> entry becomes <c>k=v</c> and each expression its set requirement.
    /// </summary>
    /// <param name="selector">The selector; it must be valid.</param>
    /// <exception cref="ArgumentException">
    /// The selector fails <see cref="LabelSelectorValidation"/>; the message lists the errors (validate before compiling).
    /// </exception>
    public static Selector FromLabelSelector(LabelSelector? selector)
    {
        if (selector is null)
        {
            return Nothing;
        }

        var errors = new List<FieldError>();
        LabelSelectorValidation.Validate(selector, FieldPath.Root("selector"), errors);
        if (errors.Count > 0)
        {
            throw new ArgumentException("invalid label selector: " + string.Join("; ", errors), nameof(selector));
        }

        var requirements = new List<Requirement>(selector.MatchLabels.Count + selector.MatchExpressions.Length);
        foreach (var (key, value) in selector.MatchLabels)
        {
            requirements.Add(new Requirement(key, SelectorOperator.Equal, [value]));
        }

        foreach (var expression in selector.MatchExpressions)
        {
            var op = expression.Operator switch
            {
                LabelSelectorOperators.In => SelectorOperator.In,
                LabelSelectorOperators.NotIn => SelectorOperator.NotIn,
                LabelSelectorOperators.Exists => SelectorOperator.Exists,
                _ => SelectorOperator.DoesNotExist,
            };
            requirements.Add(new Requirement(expression.Key, op, expression.ValuesOrEmpty));
        }

        return Create(requirements);
    }

    /// <summary>
    /// Compiles a Service <c>spec.selector</c> (LBL-8): every entry becomes <c>k=v</c>.
    /// A null or <b>empty</b> map gives <see cref="Nothing"/>, not <see cref="Everything"/>: a Service without a selector
    /// selects no pods, and the EndpointSlice controller leaves its endpoints alone (upstream storage cannot tell an
    /// empty map from a missing one).
    /// </summary>
    /// <param name="selector">The equality map; not validated (it was validated with the Service).</param>
    public static Selector FromMap(IReadOnlyDictionary<string, string>? selector)
    {
        if (selector is null || selector.Count == 0)
        {
            return Nothing;
        }

        var requirements = new List<Requirement>(selector.Count);
        foreach (var (key, value) in selector)
        {
            requirements.Add(new Requirement(key, SelectorOperator.Equal, [value]));
        }

        return Create(requirements);
    }

    /// <summary>Parses the string form; see <see cref="TryParse"/>.</summary>
    /// <param name="text">The selector text; empty gives <see cref="Everything"/>.</param>
    /// <exception cref="FormatException">The text is not a valid selector; the message says what is wrong and where.</exception>
    public static Selector Parse(string text) =>
        TryParse(text, out var selector, out var error) ? selector : throw new FormatException(error);

    /// <summary>
    /// Parses the string form (<c>k=v</c>, <c>k==v</c>, <c>k!=v</c>, <c>k in (a,b)</c>, <c>k notin (a,b)</c>, <c>k</c>, <c>!k</c>,
    /// comma-separated, whitespace ignored between tokens) as apimachinery's <c>labels.Parse</c> does, validating keys
    /// (LBL-1) and values (LBL-2). An empty string gives <see cref="Everything"/>.
    /// </summary>
    /// <param name="text">The selector text.</param>
    /// <param name="selector">The selector, when the text is valid.</param>
    /// <param name="error">
    /// When invalid: upstream's message followed by <c> (at position N)</c>, N being the 0-based index of the offending
    /// token, for example <c>found 'b', expected: ',' or 'end of string' (at position 4)</c>. The ordering operators
    /// <c>&gt;</c> and <c>&lt;</c> of upstream's string form are not supported (the spec has no use for them).
    /// </param>
    public static bool TryParse(string text, [NotNullWhen(true)] out Selector? selector, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        var requirements = new SelectorParser(text).Parse(out error);
        selector = requirements is null ? null : Create(requirements);
        return selector is not null;
    }

    /// <summary>True when every requirement holds for <paramref name="labels"/>; false always for <see cref="Nothing"/>.</summary>
    /// <param name="labels">The object's labels.</param>
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (_matchesNothing)
        {
            return false;
        }

        foreach (var requirement in _requirements)
        {
            if (!requirement.Matches(labels))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// True when the selector admits only objects whose label <paramref name="key"/> has one specific value, as upstream's
    /// <c>RequiresExactMatch</c>; the first requirement on that key decides.
    /// </summary>
    /// <param name="key">The label key.</param>
    /// <param name="value">The required value, when true.</param>
    public bool RequiresExactMatch(string key, out string value)
    {
        foreach (var requirement in _requirements)
        {
            if (requirement.Key == key)
            {
                return requirement.IsExactMatch(out value);
            }
        }

        value = "";
        return false;
    }

    /// <summary>
    /// The canonical string form: requirements in canonical order joined by <c>,</c>, which <see cref="Parse"/> reads back
    /// to an equal selector. <see cref="Everything"/> and <see cref="Nothing"/> both print as the empty string, as upstream.
    /// </summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        for (var i = 0; i < _requirements.Length; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            _requirements[i].Append(text);
        }

        return text.ToString();
    }

    /// <inheritdoc />
    public bool Equals(Selector? other) =>
        other is not null && _matchesNothing == other._matchesNothing && _requirements.AsSpan().SequenceEqual(other._requirements);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Selector);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(_matchesNothing);
        foreach (var requirement in _requirements)
        {
            hash.Add(requirement);
        }

        return hash.ToHashCode();
    }
}
