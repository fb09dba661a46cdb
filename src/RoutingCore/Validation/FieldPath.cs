using System.Globalization;

namespace RoutingCore.Validation;

/// <summary>
/// A field path in kube-apiserver syntax (ERR-2): children joined by <c>.</c>, list indexes as <c>[i]</c>,
/// map keys as <c>[key]</c>. Immutable; each step returns a new path.
/// </summary>
/// <example><c>FieldPath.Root("spec").Child("rules").Index(0).Child("host")</c> renders <c>spec.rules[0].host</c>.</example>
public readonly record struct FieldPath
{
    private readonly string? _text;

    private FieldPath(string text) => _text = text;

    /// <summary>A path starting at <paramref name="name"/>.</summary>
    public static FieldPath Root(string name) => new(name);

    /// <summary>The empty path (errors about the whole object).</summary>
    public static FieldPath Empty => default;

    /// <summary>The path of a child field.</summary>
    public FieldPath Child(string name) => new(string.IsNullOrEmpty(_text) ? name : _text + "." + name);

    /// <summary>The path of a child, then its children in turn: <c>Child("a", "b")</c> is <c>.a.b</c>.</summary>
    public FieldPath Child(string name, params ReadOnlySpan<string> more)
    {
        var path = Child(name);
        foreach (var next in more)
        {
            path = path.Child(next);
        }

        return path;
    }

    /// <summary>The path of a list item.</summary>
    public FieldPath Index(int index) => new((_text ?? "") + "[" + index.ToString(CultureInfo.InvariantCulture) + "]");

    /// <summary>The path of a map entry.</summary>
    public FieldPath Key(string key) => new((_text ?? "") + "[" + key + "]");

    /// <inheritdoc />
    public override string ToString() => _text ?? "";
}
