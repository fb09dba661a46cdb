using System.Globalization;
using System.Text;

namespace RoutingCore.Validation;

/// <summary>
/// Go's <c>strconv.Quote</c> (<c>%q</c>), which kube-apiserver uses to show string values in errors:
/// double quotes, backslash escapes for quotes, backslashes and control characters, printable Unicode kept.
/// </summary>
public static class GoQuote
{
    /// <summary>Quotes <paramref name="value"/> as Go's <c>%q</c> would.</summary>
    public static string Quote(string value)
    {
        var text = new StringBuilder(value.Length + 2);
        text.Append('"');
        foreach (var rune in value.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\a': text.Append("\\a"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case '\v': text.Append("\\v"); break;
                default:
                    if (rune == Rune.ReplacementChar || IsPrintable(rune))
                    {
                        text.Append(rune.ToString());
                    }
                    else if (rune.Value < 0x80)
                    {
                        text.Append("\\x").Append(rune.Value.ToString("x2", CultureInfo.InvariantCulture));
                    }
                    else if (rune.Value <= 0xFFFF)
                    {
                        text.Append("\\u").Append(rune.Value.ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append("\\U").Append(rune.Value.ToString("x8", CultureInfo.InvariantCulture));
                    }

                    break;
            }
        }

        return text.Append('"').ToString();
    }

    private static bool IsPrintable(Rune rune)
    {
        if (rune.Value < 0x20 || rune.Value == 0x7F)
        {
            return false;
        }

        var category = Rune.GetUnicodeCategory(rune);
        return category is not (UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
            or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator)
            && !(category == UnicodeCategory.SpaceSeparator && rune.Value != ' ');
    }
}
