using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RoutingCore.Selectors;

namespace RoutingCore.Tests.Selectors;

/// <summary>
/// The compiled selector against a plain reference evaluation written straight from LBL-4..LBL-7, over generated
/// selectors and label sets; and the string form round trip.
/// </summary>
public sealed class SelectorPropertyTests
{
    private static readonly string[] Keys = ["a", "b", "c", "example.com/d"];
    private static readonly string[] Values = ["", "1", "2", "x"];
    private static readonly string[] Operators =
        [LabelSelectorOperators.In, LabelSelectorOperators.NotIn, LabelSelectorOperators.Exists, LabelSelectorOperators.DoesNotExist];

    private static Gen<ImmutableSortedDictionary<string, string>> LabelMaps(string[] keys, string[] values) =>
        Gen.SubListOf(keys).SelectMany(
            chosen => Gen.ArrayOf(Gen.Elements(values), chosen.Count),
            (chosen, picked) => ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, chosen.Zip(picked, KeyValuePair.Create)));

    private static readonly Gen<LabelSelectorRequirement> Expressions =
        from key in Gen.Elements(Keys)
        from op in Gen.Elements(Operators)
        from values in Gen.NonEmptyListOf(Gen.Elements(Values))
        select op is LabelSelectorOperators.In or LabelSelectorOperators.NotIn
            ? new LabelSelectorRequirement(key, op, [.. values.Take(3)])
            : new LabelSelectorRequirement(key, op);

    private static readonly Gen<LabelSelector> Selectors =
        from matchLabels in LabelMaps(Keys, Values)
        from expressions in Gen.ListOf(Expressions).Select(list => list.Take(4))
        select new LabelSelector { MatchLabels = matchLabels, MatchExpressions = [.. expressions] };

    private static readonly Gen<ImmutableSortedDictionary<string, string>> LabelSets = LabelMaps([.. Keys, "e"], [.. Values, "y"]);

    /// <summary>LBL-4..LBL-7 read literally: every matchLabels entry and every expression must hold; null holds for nothing.</summary>
    private static bool ReferenceMatches(LabelSelector? selector, ImmutableSortedDictionary<string, string> labels)
    {
        if (selector is null)
        {
            return false;
        }

        foreach (var (key, value) in selector.MatchLabels)
        {
            if (!labels.TryGetValue(key, out var actual) || actual != value)
            {
                return false;
            }
        }

        foreach (var expression in selector.MatchExpressions)
        {
            var present = labels.TryGetValue(expression.Key, out var actual);
            var holds = expression.Operator switch
            {
                LabelSelectorOperators.In => present && expression.Values.Contains(actual!),
                LabelSelectorOperators.NotIn => !present || !expression.Values.Contains(actual!),
                LabelSelectorOperators.Exists => present,
                _ => !present,
            };
            if (!holds)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The string form, written by hand from the grammar (not with the library's ToString).</summary>
    private static string Render(LabelSelector selector)
    {
        var parts = new List<string>();
        parts.AddRange(selector.MatchLabels.Select(pair => pair.Key + "=" + pair.Value));
        foreach (var expression in selector.MatchExpressions)
        {
            parts.Add(expression.Operator switch
            {
                LabelSelectorOperators.In => $"{expression.Key} in ({string.Join(", ", expression.Values)})",
                LabelSelectorOperators.NotIn => $"{expression.Key} notin ({string.Join(",", expression.Values)})",
                LabelSelectorOperators.Exists => expression.Key,
                _ => "!" + expression.Key,
            });
        }

        return string.Join(" , ", parts);
    }

    [Property(Replay = "20250101,987654321", MaxTest = 500)]
    public Property LBL_6_CompiledStructuredSelectorAgreesWithReference() =>
        Prop.ForAll(
            Arb.From(Gen.Zip(Gen.Frequency((1, Gen.Constant<LabelSelector?>(null)), (9, Selectors.Select(s => (LabelSelector?)s))), LabelSets)),
            pair => Selector.FromLabelSelector(pair.Item1).Matches(pair.Item2) == ReferenceMatches(pair.Item1, pair.Item2));

    [Property(Replay = "31415926,271828183", MaxTest = 500)]
    public Property LBL_4_5_ParsedStringFormAgreesWithReference() =>
        Prop.ForAll(
            Arb.From(Gen.Zip(Selectors, LabelSets)),
            pair => Selector.Parse(Render(pair.Item1)).Matches(pair.Item2) == ReferenceMatches(pair.Item1, pair.Item2));

    [Property(Replay = "1618033,1414213", MaxTest = 500)]
    public Property ParseOfToStringRoundTrips() =>
        Prop.ForAll(
            Arb.From(Selectors),
            structured =>
            {
                var selector = Selector.FromLabelSelector(structured);
                var text = selector.ToString();
                var reparsed = Selector.Parse(text);
                return reparsed.Equals(selector) && reparsed.ToString() == text && reparsed.GetHashCode() == selector.GetHashCode();
            });

    [Fact]
    public void RenderWritesTheGrammar()
    {
        // Guards the hand-written renderer the properties rely on.
        var selector = new LabelSelector
        {
            MatchLabels = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("a", "")]),
            MatchExpressions = [new("b", LabelSelectorOperators.In, ["", "1"]), new("c", LabelSelectorOperators.DoesNotExist)],
        };
        Assert.Equal("a= , b in (, 1) , !c", Render(selector));
        Assert.Equal("a=,b in (,1),!c", Selector.Parse(Render(selector)).ToString());
    }
}
