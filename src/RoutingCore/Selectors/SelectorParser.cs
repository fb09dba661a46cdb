using System.Globalization;
using RoutingCore.Validation;
using static RoutingCore.Selectors.SelectorTokenKind;

namespace RoutingCore.Selectors;

/// <summary>
/// Recursive-descent parser of the selector string form, a port of apimachinery's <c>labels.Parser</c> so that the same
/// inputs are accepted and the same problems reported with the same words (plus the position of the offending token):
/// <code>
///   selector    ::= requirement ( "," requirement )*
///   requirement ::= [ "!" ] KEY [ ( "in" | "notin" ) "(" VALUES ")" | ( "=" | "==" | "!=" ) VALUE ]
/// </code>
/// </summary>
/// <remarks>
/// Subtle points kept from upstream: a missing value means the empty string (<c>k=</c>, <c>k in ()</c>, <c>k in (a,)</c>);
/// value lists are sets (sorted, duplicates dropped) before they are validated, so a bad value is reported by its index in
/// sorted order; a key is validated as soon as it is read, a value only once its requirement is complete.
/// </remarks>
internal sealed class SelectorParser
{
    private const string SupportedOperators = "in, notin, =, ==, !=";

    private readonly List<SelectorToken> _tokens;
    private int _next;
    private string? _error;
    private int _errorAt;

    public SelectorParser(string text) => _tokens = SelectorLexer.Tokenize(text);

    /// <summary>Parses the whole input; on failure returns null with the message in <paramref name="error"/>.</summary>
    public List<Requirement>? Parse(out string? error)
    {
        var requirements = ParseSelector();
        error = requirements is null
            ? string.Create(CultureInfo.InvariantCulture, $"{_error} (at position {_errorAt})")
            : null;
        return requirements;
    }

    private List<Requirement>? ParseSelector()
    {
        var requirements = new List<Requirement>();
        while (true)
        {
            var ahead = Lookahead(inValues: true);
            switch (ahead.Kind)
            {
                case Identifier or DoesNotExist:
                    var requirement = ParseRequirement();
                    if (requirement is null)
                    {
                        _error = "unable to parse requirement: " + _error;
                        return null;
                    }

                    requirements.Add(requirement);
                    var after = Consume(inValues: true);
                    if (after.Kind == EndOfString)
                    {
                        return requirements;
                    }

                    if (after.Kind != Comma)
                    {
                        return Fail<List<Requirement>>($"found '{after.Literal}', expected: ',' or 'end of string'", after);
                    }

                    var following = Lookahead(inValues: true);
                    if (following.Kind is not (Identifier or DoesNotExist))
                    {
                        return Fail<List<Requirement>>($"found '{following.Literal}', expected: identifier after ','", following);
                    }

                    break;
                case EndOfString:
                    return requirements;
                default:
                    return Fail<List<Requirement>>($"found '{ahead.Literal}', expected: !, identifier, or 'end of string'", ahead);
            }
        }
    }

    private Requirement? ParseRequirement()
    {
        SelectorOperator? op = null;
        var keyToken = Consume(inValues: true);
        if (keyToken.Kind == DoesNotExist)
        {
            op = SelectorOperator.DoesNotExist;
            keyToken = Consume(inValues: true);
        }

        if (keyToken.Kind != Identifier)
        {
            return Fail<Requirement>($"found '{keyToken.Literal}', expected: identifier", keyToken);
        }

        var key = keyToken.Literal;
        var keyProblems = NameRules.QualifiedName(key);
        if (keyProblems.Count > 0)
        {
            // Upstream formats a field error with a nil path here, hence the "<nil>: " prefix kubectl users see.
            return Fail<Requirement>("<nil>: " + FieldError.Invalid(FieldPath.Empty, key, string.Join("; ", keyProblems)).Body, keyToken);
        }

        if (Lookahead(inValues: true).Kind is EndOfString or Comma)
        {
            op ??= SelectorOperator.Exists;
        }

        if (op is { } unary)
        {
            return new Requirement(key, unary, []);
        }

        var opToken = Consume(inValues: false);
        SelectorOperator binary;
        switch (opToken.Kind)
        {
            case In: binary = SelectorOperator.In; break;
            case NotIn: binary = SelectorOperator.NotIn; break;
            case SelectorTokenKind.Equals or DoubleEquals: binary = SelectorOperator.Equal; break;
            case NotEquals: binary = SelectorOperator.NotEqual; break;
            default: return Fail<Requirement>($"found '{opToken.Literal}', expected: {SupportedOperators}", opToken);
        }

        var values = binary is SelectorOperator.In or SelectorOperator.NotIn ? ParseValues() : ParseExactValue();
        return values is null ? null : NewRequirement(key, binary, values);
    }

    private List<(string Value, int Position)>? ParseValues()
    {
        var open = Consume(inValues: true);
        if (open.Kind != OpenPar)
        {
            return Fail<List<(string, int)>>($"found '{open.Literal}' expected: '('", open);
        }

        var ahead = Lookahead(inValues: true);
        switch (ahead.Kind)
        {
            case Identifier or Comma:
                var values = ParseIdentifiersList();
                if (values is not null)
                {
                    Consume(inValues: true); // the closing parenthesis ParseIdentifiersList stopped before
                }

                return values;
            case ClosedPar:
                Consume(inValues: true);
                return [("", ahead.Position)];
            default:
                return Fail<List<(string, int)>>($"found '{ahead.Literal}', expected: ',', ')' or identifier", ahead);
        }
    }

    private List<(string Value, int Position)>? ParseIdentifiersList()
    {
        var values = new List<(string Value, int Position)>();
        while (true)
        {
            var token = Consume(inValues: true);
            switch (token.Kind)
            {
                case Identifier:
                    values.Add((token.Literal, token.Position));
                    var next = Lookahead(inValues: true);
                    if (next.Kind == ClosedPar)
                    {
                        return values;
                    }

                    if (next.Kind != Comma)
                    {
                        return Fail<List<(string, int)>>($"found '{next.Literal}', expected: ',' or ')'", next);
                    }

                    break;
                case Comma:
                    // An empty slot before, between or after commas is the empty value: "(,a)", "(a,,b)", "(a,)".
                    if (values.Count == 0)
                    {
                        values.Add(("", token.Position));
                    }

                    var afterComma = Lookahead(inValues: true);
                    if (afterComma.Kind is ClosedPar or Comma)
                    {
                        values.Add(("", afterComma.Position));
                    }

                    if (afterComma.Kind == ClosedPar)
                    {
                        return values;
                    }

                    break;
                default:
                    return Fail<List<(string, int)>>($"found '{token.Literal}', expected: ',', or identifier", token);
            }
        }
    }

    private List<(string Value, int Position)>? ParseExactValue()
    {
        var ahead = Lookahead(inValues: true);
        if (ahead.Kind is EndOfString or Comma)
        {
            return [("", ahead.Position)];
        }

        var token = Consume(inValues: true);
        return token.Kind == Identifier
            ? [(token.Literal, token.Position)]
            : Fail<List<(string, int)>>($"found '{token.Literal}', expected: identifier", token);
    }

    /// <summary>Validates the values as upstream's <c>NewRequirement</c> does: in sorted order, errors aggregated.</summary>
    private Requirement? NewRequirement(string key, SelectorOperator op, List<(string Value, int Position)> values)
    {
        var sorted = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var (value, position) in values)
        {
            sorted.TryAdd(value, position);
        }

        var messages = new List<string>();
        var firstBad = -1;
        var index = 0;
        foreach (var (value, position) in sorted)
        {
            var problems = NameRules.LabelValue(value);
            if (problems.Count > 0)
            {
                var message = FieldError.Invalid(FieldPath.Root("values").Index(index).Key(key), value, string.Join("; ", problems)).ToString();
                if (!messages.Contains(message))
                {
                    messages.Add(message);
                }

                firstBad = firstBad < 0 ? position : firstBad;
            }

            index++;
        }

        if (messages.Count > 0)
        {
            _error = messages.Count == 1 ? messages[0] : "[" + string.Join(", ", messages) + "]";
            _errorAt = firstBad;
            return null;
        }

        return new Requirement(key, op, sorted.Keys);
    }

    private SelectorToken Lookahead(bool inValues) => AsContext(_tokens[_next], inValues);

    private SelectorToken Consume(bool inValues)
    {
        var token = _tokens[_next];
        if (_next < _tokens.Count - 1)
        {
            _next++;
        }

        return AsContext(token, inValues);
    }

    /// <summary>Where a key or value is expected, the keywords <c>in</c> and <c>notin</c> are plain identifiers.</summary>
    private static SelectorToken AsContext(SelectorToken token, bool inValues) =>
        inValues && token.Kind is In or NotIn ? token with { Kind = Identifier } : token;

    private T? Fail<T>(string message, SelectorToken at)
        where T : class
    {
        _error = message;
        _errorAt = at.Position;
        return null;
    }
}
