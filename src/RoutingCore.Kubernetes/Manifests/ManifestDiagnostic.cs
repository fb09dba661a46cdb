using System.Globalization;
using System.Text;

namespace RoutingCore.Kubernetes.Manifests;

/// <summary>
/// An error or warning about a manifest file set, located as precisely as known, rendered like a compiler message:
/// <c>web.yaml:14:1: error: document 2: Service "web" is invalid: spec.ports[0].port: Invalid value: 0: ...</c>.
/// </summary>
public sealed record ManifestDiagnostic
{
    /// <summary>Error (nothing is applied) or warning.</summary>
    public required ManifestSeverity Severity { get; init; }

    /// <summary>The file as given, or the path that could not be read.</summary>
    public required string File { get; init; }

    /// <summary>The 1-based line, or 0 when the problem concerns the whole file.</summary>
    public int Line { get; init; }

    /// <summary>The 1-based column, or 0 when not known.</summary>
    public int Column { get; init; }

    /// <summary>The 1-based document of the file, or 0 when the problem is not inside a document.</summary>
    public int Document { get; init; }

    /// <summary>The 0-based index in a <c>List</c> document's items, or null.</summary>
    public int? Item { get; init; }

    /// <summary>What is wrong, without the location.</summary>
    public required string Message { get; init; }

    /// <summary><c>file:line:column: error: document N: message</c>, leaving out what is not known.</summary>
    public override string ToString()
    {
        var text = new StringBuilder(File);
        if (Line > 0)
        {
            text.Append(':').Append(Line.ToString(CultureInfo.InvariantCulture));
            if (Column > 0)
            {
                text.Append(':').Append(Column.ToString(CultureInfo.InvariantCulture));
            }
        }

        text.Append(Severity == ManifestSeverity.Error ? ": error: " : ": warning: ");
        if (Document > 0)
        {
            text.Append("document ").Append(Document.ToString(CultureInfo.InvariantCulture));
            if (Item is { } item)
            {
                text.Append(", items[").Append(item.ToString(CultureInfo.InvariantCulture)).Append(']');
            }

            text.Append(": ");
        }

        return text.Append(Message).ToString();
    }

    internal static ManifestDiagnostic Error(ManifestSource source, string message) => At(ManifestSeverity.Error, source, message);

    internal static ManifestDiagnostic Warning(ManifestSource source, string message) => At(ManifestSeverity.Warning, source, message);

    private static ManifestDiagnostic At(ManifestSeverity severity, ManifestSource source, string message) => new()
    {
        Severity = severity,
        File = source.File,
        Line = source.Line,
        Column = source.Column,
        Document = source.Document,
        Item = source.Item,
        Message = message,
    };
}
