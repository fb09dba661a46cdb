using System.Collections.Immutable;
using RoutingCore.Model;

namespace RoutingCore.State;

/// <summary>
/// One immutable version of the whole store: per kind, namespace → name → object, both levels sorted by ordinal name
/// so that listings are deterministic (kubectl order). Readers take the current snapshot with one volatile read and
/// never lock; a write builds the next snapshot from the changed entries only (structural sharing) and swaps it in.
/// </summary>
internal sealed class StoreSnapshot
{
    private static readonly ImmutableSortedDictionary<string, KubeObject> EmptyNamespace =
        ImmutableSortedDictionary.Create<string, KubeObject>(StringComparer.Ordinal);

    private static readonly ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, KubeObject>> EmptyTable =
        ImmutableSortedDictionary.Create<string, ImmutableSortedDictionary<string, KubeObject>>(StringComparer.Ordinal);

    private readonly ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, KubeObject>>[] _tables;

    private StoreSnapshot(ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, KubeObject>>[] tables, long resourceVersion)
    {
        _tables = tables;
        ResourceVersion = resourceVersion;
    }

    public static StoreSnapshot Empty { get; } = new(Enumerable.Repeat(EmptyTable, ObjectKinds.All.Length).ToArray(), 0);

    /// <summary>The store's resource version when this snapshot was published.</summary>
    public long ResourceVersion { get; }

    public KubeObject? Get(in ObjectKey key) =>
        _tables[(int)key.Kind].TryGetValue(key.Namespace, out var names) && names.TryGetValue(key.Name, out var obj) ? obj : null;

    /// <summary>The objects of a kind, in one namespace or (null) in all, ordered by namespace then name.</summary>
    public IEnumerable<KubeObject> List(ObjectKind kind, string? @namespace)
    {
        var table = _tables[(int)kind];
        if (@namespace is not null)
        {
            return table.TryGetValue(@namespace, out var names) ? names.Values : [];
        }

        return table.Values.SelectMany(names => names.Values);
    }

    public int Count(ObjectKind kind)
    {
        var count = 0;
        foreach (var names in _tables[(int)kind].Values)
        {
            count += names.Count;
        }

        return count;
    }

    /// <summary>The next snapshot: this one with <paramref name="changes"/> applied (null value = deleted).</summary>
    public StoreSnapshot With(IEnumerable<KeyValuePair<ObjectKey, KubeObject?>> changes, long resourceVersion)
    {
        var tables = (ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, KubeObject>>[])_tables.Clone();
        var builders = new Dictionary<(ObjectKind, string), ImmutableSortedDictionary<string, KubeObject>.Builder>();
        foreach (var (key, obj) in changes)
        {
            if (!builders.TryGetValue((key.Kind, key.Namespace), out var names))
            {
                names = (tables[(int)key.Kind].TryGetValue(key.Namespace, out var existing) ? existing : EmptyNamespace).ToBuilder();
                builders.Add((key.Kind, key.Namespace), names);
            }

            if (obj is null)
            {
                names.Remove(key.Name);
            }
            else
            {
                names[key.Name] = obj;
            }
        }

        foreach (var ((kind, ns), names) in builders)
        {
            tables[(int)kind] = names.Count == 0 ? tables[(int)kind].Remove(ns) : tables[(int)kind].SetItem(ns, names.ToImmutable());
        }

        return new StoreSnapshot(tables, resourceVersion);
    }
}
