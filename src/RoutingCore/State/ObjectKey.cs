using RoutingCore.Model;

namespace RoutingCore.State;

/// <summary>The identity of a stored object (NS-4): kind, namespace (empty for cluster-scoped kinds) and name.</summary>
/// <param name="Kind">The kind.</param>
/// <param name="Namespace">The namespace, or empty.</param>
/// <param name="Name">The name.</param>
public readonly record struct ObjectKey(ObjectKind Kind, string Namespace, string Name)
{
    /// <summary>The key of <paramref name="obj"/>.</summary>
    public static ObjectKey Of(KubeObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return new(obj.Kind, obj.Metadata.Namespace, obj.Metadata.Name);
    }

    /// <inheritdoc />
    public override string ToString() => Namespace.Length == 0 ? $"{Kind} {Name}" : $"{Kind} {Namespace}/{Name}";
}
