using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Text;

namespace RoutingCore.Selectors;

/// <summary>
/// One compiled requirement of a <see cref="Selector"/>: a key, an operator and a set of values (LBL-4, LBL-5).
/// Immutable; the values are held sorted (ordinal) and without duplicates, which is what makes
/// <see cref="ToString"/> canonical and lets <see cref="Matches"/> binary-search them without allocating.
/// </summary>
public sealed class Requirement : IEquatable<Requirement>
{
    private readonly string[] _values;

    /// <summary>Creates a requirement.</summary>
    /// <param name="key">The label key. Not validated here (as upstream's pre-validated sets); validate input with <see cref="Validation.NameRules.QualifiedName"/>.</param>
    /// <param name="op">The operator.</param>
    /// <param name="values">
    /// The values: exactly one for <see cref="SelectorOperator.Equal"/> and <see cref="SelectorOperator.NotEqual"/>, at least one
    /// for <see cref="SelectorOperator.In"/> and <see cref="SelectorOperator.NotIn"/>, none for the other two. Duplicates are removed.
    /// </param>
    /// <exception cref="ArgumentException">The number of values does not suit the operator.</exception>
    public Requirement(string key, SelectorOperator op, IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(values);
        var set = new SortedSet<string>(values, StringComparer.Ordinal);
        var ok = op switch
        {
            SelectorOperator.Equal or SelectorOperator.NotEqual => set.Count == 1,
            SelectorOperator.In or SelectorOperator.NotIn => set.Count >= 1,
            SelectorOperator.Exists or SelectorOperator.DoesNotExist => set.Count == 0,
            _ => throw new ArgumentOutOfRangeException(nameof(op), op, "not a selector operator"),
        };
        if (!ok)
        {
            throw new ArgumentException($"operator {op} does not take {set.Count} distinct value(s)", nameof(values));
        }

        Key = key;
        Operator = op;
        _values = [.. set];
    }

    /// <summary>The label key.</summary>
    public string Key { get; }

    /// <summary>The operator.</summary>
    public SelectorOperator Operator { get; }

    /// <summary>The values, sorted ordinally and distinct.</summary>
    public ImmutableArray<string> Values => ImmutableCollectionsMarshal.AsImmutableArray(_values);

    /// <summary>
    /// True when this requirement admits only objects whose label <see cref="Key"/> has one specific value
    /// (<c>k=v</c>, or <c>k in (v)</c>), which a caller can use to look candidates up in a label index.
    /// </summary>
    /// <param name="value">The one value, when true.</param>
    public bool IsExactMatch(out string value)
    {
        if (Operator is SelectorOperator.Equal or SelectorOperator.In && _values.Length == 1)
        {
            value = _values[0];
            return true;
        }

        value = "";
        return false;
    }

    /// <summary>Evaluates the requirement against a label set, without allocating.</summary>
    /// <param name="labels">The object's labels.</param>
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        switch (Operator)
        {
            case SelectorOperator.Equal or SelectorOperator.In:
                return labels.TryGetValue(Key, out var present) && HasValue(present);
            case SelectorOperator.NotEqual or SelectorOperator.NotIn:
                return !labels.TryGetValue(Key, out var other) || !HasValue(other);
            case SelectorOperator.Exists:
                return labels.ContainsKey(Key);
            default:
                return !labels.ContainsKey(Key);
        }
    }

    /// <summary>The string form: <c>k=v</c>, <c>k!=v</c>, <c>k in (a,b)</c>, <c>k notin (a,b)</c>, <c>k</c> or <c>!k</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        Append(text);
        return text.ToString();
    }

    /// <inheritdoc />
    public bool Equals(Requirement? other) =>
        other is not null && Key == other.Key && Operator == other.Operator && _values.AsSpan().SequenceEqual(other._values);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Requirement);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Key, StringComparer.Ordinal);
        hash.Add(Operator);
        foreach (var value in _values)
        {
            hash.Add(value, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    /// <summary>The canonical order of requirements in a selector: by key, then operator, then values (all ordinal).</summary>
    internal static int Compare(Requirement x, Requirement y)
    {
        var byKey = string.CompareOrdinal(x.Key, y.Key);
        if (byKey != 0)
        {
            return byKey;
        }

        if (x.Operator != y.Operator)
        {
            return x.Operator.CompareTo(y.Operator);
        }

        for (var i = 0; i < Math.Min(x._values.Length, y._values.Length); i++)
        {
            var byValue = string.CompareOrdinal(x._values[i], y._values[i]);
            if (byValue != 0)
            {
                return byValue;
            }
        }

        return x._values.Length.CompareTo(y._values.Length);
    }

    internal void Append(StringBuilder text)
    {
        if (Operator == SelectorOperator.DoesNotExist)
        {
            text.Append('!');
        }

        text.Append(Key);
        switch (Operator)
        {
            case SelectorOperator.Equal:
                text.Append('=').Append(_values[0]);
                break;
            case SelectorOperator.NotEqual:
                text.Append("!=").Append(_values[0]);
                break;
            case SelectorOperator.In or SelectorOperator.NotIn:
                text.Append(Operator == SelectorOperator.In ? " in (" : " notin (").AppendJoin(',', _values).Append(')');
                break;
        }
    }

    private bool HasValue(string value) =>
        _values.Length == 1 ? string.Equals(_values[0], value, StringComparison.Ordinal) : Array.BinarySearch(_values, value, StringComparer.Ordinal) >= 0;
}
