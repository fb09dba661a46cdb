using System.Text.Json;
using k8s;
using RoutingCore.Kubernetes.Mapping;
using RoutingCore.Model;
using YamlDotNet.Core;

namespace RoutingCore.ProxyHost.Cli;

/// <summary>
/// Turns the admin API's JSON back into model objects: a <c>List</c>'s items, or one object. Each is read into its
/// KubernetesClient API type (<see cref="KubernetesYaml"/>, which reads JSON as the YAML it is) and mapped by
/// <see cref="KubernetesMapper"/>, the mapping manifests go through too; there is no second JSON-to-model mapping.
/// </summary>
/// <remarks>
/// ManifestLoader is deliberately not used: it clears uid, resourceVersion and creationTimestamp, because a manifest
/// must not pin them. Here they are the server's facts, and AGE is measured from creationTimestamp.
/// </remarks>
internal static class ServerObjects
{
    /// <summary>The items of a <c>List</c> answer, each of <paramref name="kind"/>.</summary>
    /// <exception cref="FormatException">The answer is not a list of <paramref name="kind"/> objects.</exception>
    public static IReadOnlyList<KubeObject> ReadList(string json, ObjectKind kind)
    {
        using var document = Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("expected a List with items");
        }

        return [.. items.EnumerateArray().Select(item => Read(item, kind))];
    }

    /// <summary>A single-object answer of <paramref name="kind"/>.</summary>
    /// <exception cref="FormatException">The answer is not a <paramref name="kind"/> object.</exception>
    public static KubeObject ReadOne(string json, ObjectKind kind)
    {
        using var document = Parse(json);
        return Read(document.RootElement, kind);
    }

    private static JsonDocument Parse(string json)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException error)
        {
            throw new FormatException($"not JSON: {error.Message}", error);
        }
    }

    private static KubeObject Read(JsonElement element, ObjectKind kind)
    {
        var apiVersion = Text(element, "apiVersion");
        var kindName = Text(element, "kind");
        if (apiVersion != kind.ApiVersion() || kindName != kind.ToString())
        {
            throw new FormatException($"expected {kind.ApiVersion()} {kind}, found {apiVersion ?? "no apiVersion"} {kindName ?? "no kind"}");
        }

        List<object> parsed;
        try
        {
            parsed = KubernetesYaml.LoadAllFromString(element.GetRawText());
        }
        catch (YamlException error)
        {
            var name = element.TryGetProperty("metadata", out var metadata) ? Text(metadata, "name") : null;
            throw new FormatException($"{kind} {name}: {error.Message}", error);
        }

        return parsed is [IKubernetesObject api] ? KubernetesMapper.ToModel(api) : throw new FormatException($"expected one {kind}");
    }

    private static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
