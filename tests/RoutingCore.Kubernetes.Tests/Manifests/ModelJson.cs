using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using RoutingCore.Model;

namespace RoutingCore.Kubernetes.Tests.Manifests;

/// <summary>
/// The core model as JSON for golden files: camelCase, nulls omitted, computed shortcuts (<c>Name</c>,
/// <c>IsReady</c>, ...) left out, enums and IntOrString as their text, bytes as base64.
/// </summary>
internal static class ModelJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(), new IntOrStringConverter(), new BytesConverter() },
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { DropComputed } },
    };

    public static string Serialize(IEnumerable<KubeObject> objects) =>
        JsonSerializer.Serialize(objects.Select(o => (object)o).ToList(), Options).ReplaceLineEndings("\n") + "\n";

    private static void DropComputed(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        for (var i = info.Properties.Count - 1; i >= 0; i--)
        {
            var property = info.Properties[i];
            if (property.Set is null && property.Name != "kind")
            {
                info.Properties.RemoveAt(i);
            }
        }
    }

    private sealed class IntOrStringConverter : JsonConverter<IntOrString>
    {
        public override IntOrString Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => throw new NotSupportedException();

        public override void Write(Utf8JsonWriter writer, IntOrString value, JsonSerializerOptions options)
        {
            if (value.IsName)
            {
                writer.WriteStringValue(value.Name);
            }
            else
            {
                writer.WriteNumberValue(value.Number);
            }
        }
    }

    private sealed class BytesConverter : JsonConverter<ImmutableArray<byte>>
    {
        public override ImmutableArray<byte> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => throw new NotSupportedException();

        public override void Write(Utf8JsonWriter writer, ImmutableArray<byte> value, JsonSerializerOptions options) =>
            writer.WriteBase64StringValue(value.AsSpan());
    }
}
