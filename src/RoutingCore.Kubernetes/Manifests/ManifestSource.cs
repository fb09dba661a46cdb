using System.Globalization;

namespace RoutingCore.Kubernetes.Manifests;

/// <summary>Where an object was declared: file, line and column of the object's first field, document, and <c>List</c> item.</summary>
/// <param name="File">The file, as given (a file found in a given directory is that directory joined with its relative path).</param>
/// <param name="Line">The 1-based line where the object starts.</param>
/// <param name="Column">The 1-based column where the object starts.</param>
/// <param name="Document">The 1-based document of the file (documents are separated by <c>---</c>).</param>
/// <param name="Item">The 0-based index in the <c>items</c> of a <c>List</c> document, or null.</param>
public sealed record ManifestSource(string File, int Line, int Column, int Document, int? Item = null)
{
    /// <summary><c>file:line:column</c>.</summary>
    public string Location => string.Create(CultureInfo.InvariantCulture, $"{File}:{Line}:{Column}");

    /// <summary><c>document 2</c>, or <c>document 2, items[3]</c> for an item of a List.</summary>
    public string DocumentText => Item is { } item
        ? string.Create(CultureInfo.InvariantCulture, $"document {Document}, items[{item}]")
        : string.Create(CultureInfo.InvariantCulture, $"document {Document}");

    /// <summary><c>file:line:column (document N)</c>.</summary>
    public override string ToString() => $"{Location} ({DocumentText})";
}
