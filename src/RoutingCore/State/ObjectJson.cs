using System.Text.Json;
using System.Text.Json.Serialization;
using RoutingCore.Model;

namespace RoutingCore.State;

/// <summary>
/// Structural comparison of stored objects through their JSON form: the model's records hold immutable collections,
/// whose own equality is by reference, so "did this update change anything" is answered on the serialised content.
/// Used on writes only, never on a request path.
/// </summary>
internal static class ObjectJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private static readonly ObjectMeta BlankMetadata = new();

    /// <summary>True when the two objects have the same content apart from their metadata.</summary>
    public static bool ContentEquals(KubeObject a, KubeObject b) =>
        a.GetType() == b.GetType() && Serialize(a.WithMetadata(BlankMetadata)) == Serialize(b.WithMetadata(BlankMetadata));

    /// <summary>True when the user-writable metadata (labels, annotations, owners, deletion mark) is the same.</summary>
    public static bool MetadataEquals(ObjectMeta a, ObjectMeta b) =>
        a.DeletionTimestamp == b.DeletionTimestamp
        && Serialize(a.Labels) == Serialize(b.Labels)
        && Serialize(a.Annotations) == Serialize(b.Annotations)
        && Serialize(a.OwnerReferences) == Serialize(b.OwnerReferences);

    private static string Serialize<T>(T value) => JsonSerializer.Serialize(value, value!.GetType(), Options);
}
