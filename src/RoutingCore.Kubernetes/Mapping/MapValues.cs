using System.Collections.Immutable;
using System.Globalization;
using RoutingCore.Model;
using K8sIntOrString = k8s.Models.IntOrString;

namespace RoutingCore.Kubernetes.Mapping;

/// <summary>
/// Conversions shared by the per-kind mappings. The API omits empty lists, empty maps and zero values
/// (<c>omitempty</c>), so the model → API direction turns "empty" back into null; the API → model direction turns
/// null into the model's empty values.
/// </summary>
internal static class MapValues
{
    public static ImmutableArray<TTo> Array<TFrom, TTo>(IList<TFrom>? items, Func<TFrom, TTo> map)
    {
        if (items is null || items.Count == 0)
        {
            return [];
        }

        // A null item ("- " with nothing after it) has nothing to map; the manifest loader reports it before mapping.
        var builder = ImmutableArray.CreateBuilder<TTo>(items.Count);
        foreach (var item in items)
        {
            if (item is not null)
            {
                builder.Add(map(item));
            }
        }

        return builder.ToImmutable();
    }

    public static ImmutableArray<string> Strings(IList<string>? items) => Array(items, s => s ?? "");

    public static List<TTo>? ListOrNull<TFrom, TTo>(ImmutableArray<TFrom> items, Func<TFrom, TTo> map) =>
        items.IsDefaultOrEmpty ? null : items.Select(map).ToList();

    public static List<string>? StringsOrNull(ImmutableArray<string> items) => ListOrNull(items, s => s);

    public static ImmutableSortedDictionary<string, string> Map(IDictionary<string, string>? entries) =>
        entries is null || entries.Count == 0 ? Labels.Empty : Labels.From(entries.Select(e => KeyValuePair.Create(e.Key, e.Value ?? "")));

    public static Dictionary<string, string>? MapOrNull(ImmutableSortedDictionary<string, string> entries) =>
        entries.Count == 0 ? null : entries.ToDictionary(StringComparer.Ordinal);

    public static ImmutableSortedDictionary<string, ImmutableArray<byte>> Bytes(IDictionary<string, byte[]>? entries)
    {
        var builder = ImmutableSortedDictionary.CreateBuilder<string, ImmutableArray<byte>>(StringComparer.Ordinal);
        if (entries is not null)
        {
            foreach (var (key, value) in entries)
            {
                builder[key] = value is null ? [] : [.. value];
            }
        }

        return builder.ToImmutable();
    }

    public static Dictionary<string, byte[]>? BytesOrNull(ImmutableSortedDictionary<string, ImmutableArray<byte>> entries) =>
        entries.Count == 0 ? null : entries.ToDictionary(e => e.Key, e => e.Value.IsDefault ? [] : e.Value.ToArray(), StringComparer.Ordinal);

    /// <summary>
    /// The API's IntOrString carries its value as text, so a quoted number reads as a number here; the model then
    /// treats it as a port number, which is what a manifest author almost always means.
    /// </summary>
    public static IntOrString ToIntOrString(K8sIntOrString? value)
    {
        if (value?.Value is not { } text)
        {
            return default;
        }

        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? Model.IntOrString.FromNumber(number)
            : Model.IntOrString.FromName(text);
    }

    public static IntOrString? IntOrStringOrNull(K8sIntOrString? value) => value?.Value is null ? default(IntOrString?) : ToIntOrString(value);

    public static K8sIntOrString? IntOrStringOrNull(IntOrString value)
    {
        if (value.Name is { } name)
        {
            return name;
        }

        return value.Number == 0 ? null : (K8sIntOrString?)value.Number;
    }

    public static K8sIntOrString? IntOrStringOrNull(IntOrString? value) => value is { } v ? IntOrStringOrNull(v) : null;

    public static DateTimeOffset? Time(DateTime? value) => value is { } time
        ? new DateTimeOffset(DateTime.SpecifyKind(time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : time, DateTimeKind.Utc))
        : null;

    public static DateTime? Time(DateTimeOffset? value) => value?.UtcDateTime;

    public static string Text(string? value) => value ?? "";

    public static string? TextOrNull(string? value) => string.IsNullOrEmpty(value) ? null : value;

    public static int? NumberOrNull(int value) => value == 0 ? null : value;

    public static bool? TrueOrNull(bool value) => value ? true : null;
}
