using System.Collections.Immutable;
using RoutingCore.Selectors;

namespace RoutingCore.Tests.Selectors;

public sealed class SelectorMatchTests
{
    private static ImmutableSortedDictionary<string, string> Labels(string text)
    {
        var builder = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var pair in text.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf(':', StringComparison.Ordinal);
            builder[pair[..eq]] = pair[(eq + 1)..];
        }

        return builder.ToImmutable();
    }

    [Theory]
    [InlineData("env=prod", "env:prod", true)]
    [InlineData("env==prod", "env:prod", true)]
    [InlineData("env=prod", "env:dev", false)]
    [InlineData("env=prod", "", false)]
    [InlineData("env=prod", "env:Prod", false)]
    [InlineData("env=", "env:", true)]
    [InlineData("env=", "", false)]
    [InlineData("env!=prod", "env:dev", true)]
    [InlineData("env!=prod", "", true)]
    [InlineData("env!=prod", "env:prod", false)]
    public void LBL_4_EqualityRequirements(string selector, string labels, bool expected)
    {
        Assert.Equal(expected, Selector.Parse(selector).Matches(Labels(labels)));
    }

    [Theory]
    [InlineData("tier in (fe,be)", "tier:fe", true)]
    [InlineData("tier in (fe,be)", "tier:db", false)]
    [InlineData("tier in (fe,be)", "", false)]
    [InlineData("tier notin (fe,be)", "tier:db", true)]
    [InlineData("tier notin (fe,be)", "", true)]
    [InlineData("tier notin (fe,be)", "tier:be", false)]
    [InlineData("tier", "tier:", true)]
    [InlineData("tier", "other:x", false)]
    [InlineData("!tier", "other:x", true)]
    [InlineData("!tier", "tier:x", false)]
    [InlineData("tier in (fe)", "tier:FE", false)]
    public void LBL_5_SetRequirements(string selector, string labels, bool expected)
    {
        Assert.Equal(expected, Selector.Parse(selector).Matches(Labels(labels)));
    }

    [Theory]
    [InlineData("app=web,tier in (fe,be),!canary", "app:web;tier:fe", true)]
    [InlineData("app=web,tier in (fe,be),!canary", "app:web;tier:fe;canary:yes", false)]
    [InlineData("app=web,tier in (fe,be),!canary", "app:api;tier:fe", false)]
    [InlineData("app=web,app=api", "app:web", false)]
    public void LBL_6_RequirementsAreAnded(string selector, string labels, bool expected)
    {
        Assert.Equal(expected, Selector.Parse(selector).Matches(Labels(labels)));
    }

    [Fact]
    public void LBL_6_MatchLabelsEntryEqualsInWithOneValue()
    {
        var byLabels = Selector.FromLabelSelector(new LabelSelector { MatchLabels = Labels("app:web") });
        var byExpression = Selector.FromLabelSelector(new LabelSelector { MatchExpressions = [new("app", LabelSelectorOperators.In, ["web"])] });
        foreach (var labels in new[] { "app:web", "app:api", "", "app:Web;x:y" })
        {
            Assert.Equal(byLabels.Matches(Labels(labels)), byExpression.Matches(Labels(labels)));
        }

        Assert.Equal("app=web", byLabels.ToString());
        Assert.Equal("app in (web)", byExpression.ToString());
    }

    [Fact]
    public void LBL_7_NullSelectorMatchesNothingAndEmptySelectorMatchesEverything()
    {
        var none = Selector.FromLabelSelector(null);
        var all = Selector.FromLabelSelector(LabelSelector.Empty);
        Assert.Same(Selector.Nothing, none);
        Assert.Same(Selector.Everything, all);
        Assert.False(none.Matches(Labels("")));
        Assert.False(none.Matches(Labels("app:web")));
        Assert.True(all.Matches(Labels("")));
        Assert.True(all.Matches(Labels("app:web")));
        Assert.True(all.IsEverything);
        Assert.True(none.IsNothing);
    }

    [Fact]
    public void LBL_7_StructuredSelectorCompilesEveryExpressionKind()
    {
        var selector = Selector.FromLabelSelector(new LabelSelector
        {
            MatchLabels = Labels("app:web"),
            MatchExpressions =
            [
                new("tier", LabelSelectorOperators.NotIn, ["db", "cache", "db"]),
                new("track", LabelSelectorOperators.Exists),
                new("canary", LabelSelectorOperators.DoesNotExist),
            ],
        });
        Assert.Equal("app=web,!canary,tier notin (cache,db),track", selector.ToString());
        Assert.True(selector.Matches(Labels("app:web;tier:fe;track:stable")));
        Assert.False(selector.Matches(Labels("app:web;tier:db;track:stable")));
        Assert.False(selector.Matches(Labels("app:web;tier:fe")));
        Assert.False(selector.Matches(Labels("app:web;track:x;canary:")));
    }

    [Fact]
    public void LBL_7_InvalidStructuredSelectorIsRefusedWhenCompiled()
    {
        var bad = new LabelSelector { MatchExpressions = [new("app", "Gt", ["1"])] };
        var error = Assert.Throws<ArgumentException>(() => Selector.FromLabelSelector(bad));
        Assert.Contains("selector.matchExpressions[0].operator: Invalid value: \"Gt\": not a valid selector operator", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LBL_8_EmptyServiceSelectorSelectsNothing()
    {
        Assert.Same(Selector.Nothing, Selector.FromMap(ImmutableSortedDictionary<string, string>.Empty));
        Assert.Same(Selector.Nothing, Selector.FromMap(null));
        Assert.False(Selector.FromMap(new Dictionary<string, string>()).Matches(Labels("app:web")));
    }

    [Fact]
    public void LBL_8_ServiceSelectorIsEqualityOnly()
    {
        var selector = Selector.FromMap(new Dictionary<string, string> { ["tier"] = "fe", ["app"] = "web" });
        Assert.Equal("app=web,tier=fe", selector.ToString());
        Assert.True(selector.Matches(Labels("app:web;tier:fe;extra:1")));
        Assert.False(selector.Matches(Labels("app:web")));
        Assert.True(selector.Requirements.All(r => r.Operator == SelectorOperator.Equal));
    }

    [Fact]
    public void RequiresExactMatchFindsAnIndexableRequirement()
    {
        var selector = Selector.Parse("tier in (fe,be),app=web,zone in (a)");
        Assert.True(selector.RequiresExactMatch("app", out var app));
        Assert.Equal("web", app);
        Assert.True(selector.RequiresExactMatch("zone", out var zone));
        Assert.Equal("a", zone);
        Assert.False(selector.RequiresExactMatch("tier", out _));
        Assert.False(selector.RequiresExactMatch("missing", out _));
        Assert.Equal(["app", "tier", "zone"], selector.Requirements.Select(r => r.Key));
    }

    [Fact]
    public void RequirementRefusesAValueCountThatDoesNotSuitTheOperator()
    {
        Assert.Throws<ArgumentException>(() => new Requirement("a", SelectorOperator.Equal, ["1", "2"]));
        Assert.Throws<ArgumentException>(() => new Requirement("a", SelectorOperator.In, []));
        Assert.Throws<ArgumentException>(() => new Requirement("a", SelectorOperator.Exists, ["1"]));
        Assert.Equal(["1", "2"], new Requirement("a", SelectorOperator.NotIn, ["2", "1", "2"]).Values);
    }

    [Fact]
    public void MatchesDoesNotAllocate()
    {
        var selector = Selector.Parse("app=web,tier in (a,b,c,fe),!canary,zone notin (x,y),track");
        var labels = Labels("app:web;tier:fe;zone:z;track:stable");
        Assert.True(selector.Matches(labels));
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            selector.Matches(labels);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
