using RoutingCore.Model;
using RoutingCore.Selectors;

namespace RoutingCore.State;

/// <summary>
/// A consistent, immutable view of every object in the store at one resource version. Cheap to take
/// (<see cref="ClusterState.Current"/>) and safe to read from any thread for as long as it is held.
/// </summary>
public sealed class ClusterView
{
    internal ClusterView(StoreSnapshot snapshot) => Snapshot = snapshot;

    internal StoreSnapshot Snapshot { get; }

    /// <summary>The store's resource version this view shows.</summary>
    public long ResourceVersion => Snapshot.ResourceVersion;

    /// <summary>The object of type <typeparamref name="T"/> named <paramref name="name"/> in <paramref name="namespace"/>, or null.</summary>
    /// <remarks>For cluster-scoped kinds pass an empty namespace.</remarks>
    public T? Get<T>(string @namespace, string name)
        where T : KubeObject => (T?)Snapshot.Get(new ObjectKey(KindOf<T>.Kind, @namespace, name));

    /// <summary>The object with <paramref name="key"/>, or null.</summary>
    public KubeObject? Get(ObjectKey key) => Snapshot.Get(key);

    /// <summary>Every object of type <typeparamref name="T"/> in <paramref name="namespace"/> (null: all namespaces), by namespace then name.</summary>
    public IEnumerable<T> List<T>(string? @namespace = null)
        where T : KubeObject => Snapshot.List(KindOf<T>.Kind, @namespace).Cast<T>();

    /// <summary>The objects of type <typeparamref name="T"/> in <paramref name="namespace"/> (null: all) whose labels match <paramref name="selector"/>.</summary>
    public IEnumerable<T> List<T>(string? @namespace, Selector selector)
        where T : KubeObject
    {
        ArgumentNullException.ThrowIfNull(selector);
        return List<T>(@namespace).Where(obj => selector.Matches(obj.Metadata.Labels));
    }

    /// <summary>Every object of <paramref name="kind"/> in <paramref name="namespace"/> (null: all namespaces), by namespace then name.</summary>
    public IEnumerable<KubeObject> List(ObjectKind kind, string? @namespace = null) => Snapshot.List(kind, @namespace);

    /// <summary>How many objects of <paramref name="kind"/> are stored.</summary>
    public int Count(ObjectKind kind) => Snapshot.Count(kind);
}
