using System.Collections.Immutable;

namespace RoutingCore.Model;

/// <summary>
/// Builds the ordinal-sorted string maps the model uses for labels, annotations, selectors and data. Keys compare
/// ordinally (byte for byte, as Kubernetes compares them), never by culture.
/// </summary>
/// <example><c>Metadata = new() { Name = "web", Labels = Labels.Of(("app", "web"), ("tier", "front")) }</c></example>
public static class Labels
{
    /// <summary>The empty map, with an ordinal comparer.</summary>
    public static ImmutableSortedDictionary<string, string> Empty { get; } = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);

    /// <summary>A map of the given pairs; a repeated key keeps its last value.</summary>
    public static ImmutableSortedDictionary<string, string> Of(params ReadOnlySpan<(string Key, string Value)> pairs)
    {
        var builder = Empty.ToBuilder();
        foreach (var (key, value) in pairs)
        {
            builder[key] = value;
        }

        return builder.ToImmutable();
    }

    /// <summary>A map of the given entries; a repeated key keeps its last value.</summary>
    public static ImmutableSortedDictionary<string, string> From(IEnumerable<KeyValuePair<string, string>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var builder = Empty.ToBuilder();
        foreach (var (key, value) in entries)
        {
            builder[key] = value;
        }

        return builder.ToImmutable();
    }
}
