using System.Text.Json;
using System.Text.Json.Nodes;

namespace RoutingCore.ProxyHost.Cli;

/// <summary>
/// The admin API's machine-readable lint answer, <c>{"findings": ["...", ...]}</c>: written by /lint when asked for
/// <c>application/json</c>, read by <c>lint --server</c>. Defined once so that both ends agree.
/// </summary>
internal static class LintFindings
{
    public const string MediaType = "application/json";

    public static string ToJson(IEnumerable<string> findings) =>
        new JsonObject { ["findings"] = new JsonArray([.. findings.Select(f => (JsonNode?)JsonValue.Create(f))]) }.ToJsonString();

    /// <summary>The findings, or null when <paramref name="json"/> is not a lint answer.</summary>
    public static IReadOnlyList<string>? TryRead(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("findings", out var findings) || findings.ValueKind != JsonValueKind.Array
                || findings.EnumerateArray().Any(f => f.ValueKind != JsonValueKind.String))
            {
                return null;
            }

            return [.. findings.EnumerateArray().Select(f => f.GetString()!)];
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
