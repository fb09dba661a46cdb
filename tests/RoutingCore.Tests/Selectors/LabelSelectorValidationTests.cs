using System.Collections.Immutable;
using RoutingCore.Selectors;
using RoutingCore.Validation;

namespace RoutingCore.Tests.Selectors;

public sealed class LabelSelectorValidationTests
{
    private static readonly FieldPath At = FieldPath.Root("spec").Child("selector");

    private static string[] Validate(LabelSelector? selector)
    {
        var errors = new List<FieldError>();
        LabelSelectorValidation.Validate(selector, At, errors);
        return [.. errors.Select(e => e.ToString())];
    }

    private static LabelSelector With(params LabelSelectorRequirement[] expressions) => new() { MatchExpressions = [.. expressions] };

    [Fact]
    public void LBL_9_ValidSelectorsHaveNoErrors()
    {
        Assert.Empty(Validate(null));
        Assert.Empty(Validate(LabelSelector.Empty));
        Assert.Empty(Validate(new LabelSelector
        {
            MatchLabels = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("app", "web"), KeyValuePair.Create("example.com/tier", "")]),
            MatchExpressions =
            [
                new("a", LabelSelectorOperators.In, ["1", ""]),
                new("b", LabelSelectorOperators.NotIn, ["x"]),
                new("c", LabelSelectorOperators.Exists),
                new("d", LabelSelectorOperators.DoesNotExist, default),
            ],
        }));
    }

    [Fact]
    public void LBL_9_UnknownOperator()
    {
        Assert.Equal(
            ["spec.selector.matchExpressions[0].operator: Invalid value: \"Gt\": not a valid selector operator"],
            Validate(With(new LabelSelectorRequirement("a", "Gt", ["1"]))));
        Assert.Equal(
            ["spec.selector.matchExpressions[0].operator: Invalid value: \"in\": not a valid selector operator"],
            Validate(With(new LabelSelectorRequirement("a", "in", ["1"]))));
    }

    [Theory]
    [InlineData(LabelSelectorOperators.In)]
    [InlineData(LabelSelectorOperators.NotIn)]
    public void LBL_9_InAndNotInNeedValues(string op)
    {
        Assert.Equal(
            ["spec.selector.matchExpressions[1].values: Required value: must be specified when `operator` is 'In' or 'NotIn'"],
            Validate(With(new LabelSelectorRequirement("a", LabelSelectorOperators.Exists), new LabelSelectorRequirement("b", op))));
    }

    [Theory]
    [InlineData(LabelSelectorOperators.Exists)]
    [InlineData(LabelSelectorOperators.DoesNotExist)]
    public void LBL_9_ExistsAndDoesNotExistTakeNoValues(string op)
    {
        Assert.Equal(
            ["spec.selector.matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'"],
            Validate(With(new LabelSelectorRequirement("a", op, ["x"]))));
    }

    [Fact]
    public void LBL_9_KeyMustBeALabelKey()
    {
        Assert.Equal(
            [
                "spec.selector.matchExpressions[0].key: Invalid value: \"bad key\": name part " + NameRules.QualifiedNameMessage,
                "spec.selector.matchExpressions[1].key: Invalid value: \"\": name part must be non-empty",
                "spec.selector.matchExpressions[1].key: Invalid value: \"\": name part " + NameRules.QualifiedNameMessage,
            ],
            Validate(With(new LabelSelectorRequirement("bad key", LabelSelectorOperators.Exists), new LabelSelectorRequirement("", LabelSelectorOperators.Exists))));
    }

    [Fact]
    public void LBL_9_ValuesMustBeLabelValues()
    {
        Assert.Equal(
            ["spec.selector.matchExpressions[0].values[1]: Invalid value: \"-x\": " + NameRules.LabelValueMessage],
            Validate(With(new LabelSelectorRequirement("a", LabelSelectorOperators.In, ["ok", "-x", ""]))));
    }

    [Fact]
    public void LBL_9_ErrorsFollowUpstreamOrder()
    {
        // matchLabels first; then per expression: operator/values, key, values.
        var selector = new LabelSelector
        {
            MatchLabels = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("a b", "ok")]),
            MatchExpressions = [new("k@", "Bogus", ["v@"])],
        };
        Assert.Equal(
            [
                "spec.selector.matchLabels: Invalid value: \"a b\": name part " + NameRules.QualifiedNameMessage,
                "spec.selector.matchExpressions[0].operator: Invalid value: \"Bogus\": not a valid selector operator",
                "spec.selector.matchExpressions[0].key: Invalid value: \"k@\": name part " + NameRules.QualifiedNameMessage,
                "spec.selector.matchExpressions[0].values[0]: Invalid value: \"v@\": " + NameRules.LabelValueMessage,
            ],
            Validate(selector));
    }
}
