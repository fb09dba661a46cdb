namespace RoutingCore.Model;

/// <summary>
/// The base of every stored Kubernetes object: a kind and its <see cref="ObjectMeta"/>.
/// Objects are immutable records; change one with a <c>with</c> expression and write it back to the store.
/// </summary>
public abstract record KubeObject
{
    /// <summary>Standard object metadata (name, namespace, labels, versioning).</summary>
    public ObjectMeta Metadata { get; init; } = new();

    /// <summary>The kind of the object, as in the API (<c>Service</c>, <c>Ingress</c>, ...).</summary>
    public abstract ObjectKind Kind { get; }

    /// <summary>The object's name (shortcut for <c>Metadata.Name</c>).</summary>
    public string Name => Metadata.Name;

    /// <summary>The object's namespace (shortcut for <c>Metadata.Namespace</c>); empty for cluster-scoped kinds.</summary>
    public string Namespace => Metadata.Namespace;

    /// <summary>Returns a copy of this object with new metadata.</summary>
    public KubeObject WithMetadata(ObjectMeta metadata) => this with { Metadata = metadata };
}
