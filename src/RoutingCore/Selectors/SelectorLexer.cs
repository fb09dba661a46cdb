namespace RoutingCore.Selectors;

/// <summary>The tokens of the selector string form.</summary>
internal enum SelectorTokenKind
{
    EndOfString,
    ClosedPar,
    Comma,
    DoesNotExist,
    DoubleEquals,
    Equals,
    GreaterThan,
    Identifier,
    In,
    LessThan,
    NotEquals,
    NotIn,
    OpenPar,
}

/// <summary>One token: its kind, its text and where it starts in the input (0-based).</summary>
internal readonly record struct SelectorToken(SelectorTokenKind Kind, string Literal, int Position);

/// <summary>
/// Splits the selector string form into tokens, as apimachinery's <c>labels.Lexer</c>: whitespace separates tokens;
/// <c>= ! ( ) , &gt; &lt;</c> are operator characters, read longest-match (<c>!=</c>, <c>==</c>); everything else runs to
/// the next operator character or whitespace and is an identifier, except the words <c>in</c> and <c>notin</c>.
/// </summary>
/// <remarks>
/// The subtle point is that keywords are context-dependent: the lexer always reports <c>in</c>/<c>notin</c> as keywords, and
/// the parser turns them back into identifiers wherever a key or value is expected (so <c>in in (in)</c> is valid).
/// </remarks>
internal static class SelectorLexer
{
    public static List<SelectorToken> Tokenize(string text)
    {
        var tokens = new List<SelectorToken>();
        var pos = 0;
        while (true)
        {
            while (pos < text.Length && IsWhitespace(text[pos]))
            {
                pos++;
            }

            if (pos == text.Length)
            {
                tokens.Add(new SelectorToken(SelectorTokenKind.EndOfString, "", pos));
                return tokens;
            }

            var start = pos;
            if (IsOperatorChar(text[pos]))
            {
                // Every operator character is a token by itself; two-character tokens are the only longer ones.
                var kind = pos + 1 < text.Length ? TwoCharToken(text[pos], text[pos + 1]) : null;
                pos += kind is null ? 1 : 2;
                tokens.Add(new SelectorToken(kind ?? OneCharToken(text[start]), text[start..pos], start));
                continue;
            }

            while (pos < text.Length && !IsOperatorChar(text[pos]) && !IsWhitespace(text[pos]))
            {
                pos++;
            }

            var literal = text[start..pos];
            var word = literal switch
            {
                "in" => SelectorTokenKind.In,
                "notin" => SelectorTokenKind.NotIn,
                _ => SelectorTokenKind.Identifier,
            };
            tokens.Add(new SelectorToken(word, literal, start));
        }
    }

    private static bool IsWhitespace(char c) => c is ' ' or '\t' or '\r' or '\n';

    private static bool IsOperatorChar(char c) => c is '=' or '!' or '(' or ')' or ',' or '>' or '<';

    private static SelectorTokenKind? TwoCharToken(char first, char second) => (first, second) switch
    {
        ('!', '=') => SelectorTokenKind.NotEquals,
        ('=', '=') => SelectorTokenKind.DoubleEquals,
        _ => null,
    };

    private static SelectorTokenKind OneCharToken(char c) => c switch
    {
        '=' => SelectorTokenKind.Equals,
        '!' => SelectorTokenKind.DoesNotExist,
        '(' => SelectorTokenKind.OpenPar,
        ')' => SelectorTokenKind.ClosedPar,
        ',' => SelectorTokenKind.Comma,
        '>' => SelectorTokenKind.GreaterThan,
        _ => SelectorTokenKind.LessThan,
    };
}
