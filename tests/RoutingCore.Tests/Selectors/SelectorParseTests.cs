using RoutingCore.Selectors;
using RoutingCore.Validation;

namespace RoutingCore.Tests.Selectors;

public sealed class SelectorParseTests
{
    [Theory]
    [InlineData("x=a", "x=a")]
    [InlineData("x==a", "x=a")]
    [InlineData("  x  !=  a  ", "x!=a")]
    [InlineData("x\tin\r\n(b, a ,a)", "x in (a,b)")]
    [InlineData("x notin (a)", "x notin (a)")]
    [InlineData("x", "x")]
    [InlineData("!x", "!x")]
    [InlineData("! x", "!x")]
    [InlineData("b=1,a", "a,b=1")]
    [InlineData("in in (in,notin)", "in in (in,notin)")]
    [InlineData("x=", "x=")]
    [InlineData("x in ()", "x in ()")]
    [InlineData("x in (,a)", "x in (,a)")]
    [InlineData("x in (a,)", "x in (,a)")]
    [InlineData("x in (a,,b)", "x in (,a,b)")]
    [InlineData("example.com/app=Web_1.x", "example.com/app=Web_1.x")]
    [InlineData("a,a", "a,a")]
    public void LBL_4_5_StringFormsParseToCanonicalText(string text, string canonical)
    {
        var selector = Selector.Parse(text);
        Assert.Equal(canonical, selector.ToString());
        Assert.Equal(selector, Selector.Parse(canonical));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \t ")]
    public void LBL_7_EmptyStringSelectsEverything(string text)
    {
        Assert.Same(Selector.Everything, Selector.Parse(text));
    }

    [Theory]
    [InlineData("x=a b", "found 'b', expected: ',' or 'end of string' (at position 4)")]
    [InlineData("x=a,", "found '', expected: identifier after ',' (at position 4)")]
    [InlineData(",x", "found ',', expected: !, identifier, or 'end of string' (at position 0)")]
    [InlineData("!x=y", "found '=', expected: ',' or 'end of string' (at position 2)")]
    [InlineData("!", "unable to parse requirement: found '', expected: identifier (at position 1)")]
    [InlineData("x y", "unable to parse requirement: found 'y', expected: in, notin, =, ==, != (at position 2)")]
    [InlineData("x>1", "unable to parse requirement: found '>', expected: in, notin, =, ==, != (at position 1)")]
    [InlineData("x in a", "unable to parse requirement: found 'a' expected: '(' (at position 5)")]
    [InlineData("x in (a b)", "unable to parse requirement: found 'b', expected: ',' or ')' (at position 8)")]
    [InlineData("x in (a", "unable to parse requirement: found '', expected: ',' or ')' (at position 7)")]
    [InlineData("x in (=)", "unable to parse requirement: found '=', expected: ',', ')' or identifier (at position 6)")]
    [InlineData("x in (a,=)", "unable to parse requirement: found '=', expected: ',', or identifier (at position 8)")]
    [InlineData("x=(", "unable to parse requirement: found '(', expected: identifier (at position 2)")]
    public void ParseErrorsNameTheProblemAndPosition(string text, string expected)
    {
        Assert.False(Selector.TryParse(text, out var selector, out var error));
        Assert.Null(selector);
        Assert.Equal(expected, error);
        Assert.Equal(expected, Assert.Throws<FormatException>(() => Selector.Parse(text)).Message);
    }

    [Theory]
    [InlineData("app:monolith", 0, "name part " + NameRules.QualifiedNameMessage)]
    [InlineData("x=1,-bad=2", 4, "name part " + NameRules.QualifiedNameMessage)]
    [InlineData("a/b/c ?=? def", 0, "a qualified name " + NameRules.QualifiedNameMessage + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')")]
    [InlineData("/x", 0, "prefix part must be non-empty")]
    [InlineData("Example.com/x", 0, "prefix part " + NameRules.Dns1123SubdomainMessage)]
    public void LBL_1_KeysAreValidatedLikeUpstream(string text, int position, string detail)
    {
        var key = text.Split(',')[^1].Split(' ', '=')[0];
        Assert.False(Selector.TryParse(text, out _, out var error));
        Assert.Equal($"unable to parse requirement: <nil>: Invalid value: \"{key}\": {detail} (at position {position})", error);
    }

    [Fact]
    public void LBL_1_KeyProblemsAreJoinedWithSemicolons()
    {
        var key = new string('a', 64) + "-";
        Assert.False(Selector.TryParse(key, out _, out var error));
        Assert.Equal(
            $"unable to parse requirement: <nil>: Invalid value: \"{key}\": name part must be no more than 63 characters; name part {NameRules.QualifiedNameMessage} (at position 0)",
            error);
    }

    [Fact]
    public void LBL_2_ValuesAreValidatedLikeUpstream()
    {
        Assert.False(Selector.TryParse("x=a@b", out _, out var error));
        Assert.Equal($"unable to parse requirement: values[0][x]: Invalid value: \"a@b\": {NameRules.LabelValueMessage} (at position 2)", error);
    }

    [Fact]
    public void LBL_2_SeveralBadValuesAreAggregatedInSortedOrder()
    {
        Assert.False(Selector.TryParse("x in (ok, b@, a@)", out _, out var error));
        Assert.Equal(
            $"unable to parse requirement: [values[0][x]: Invalid value: \"a@\": {NameRules.LabelValueMessage}, values[1][x]: Invalid value: \"b@\": {NameRules.LabelValueMessage}] (at position 14)",
            error);
    }

    [Fact]
    public void LBL_2_TooLongValueReportsBothProblems()
    {
        var value = new string('v', 64) + "-";
        Assert.False(Selector.TryParse("k=" + value, out _, out var error));
        Assert.Equal(
            $"unable to parse requirement: values[0][k]: Invalid value: \"{value}\": must be no more than 63 characters; {NameRules.LabelValueMessage} (at position 2)",
            error);
    }
}
