namespace RoutingCore.Discovery;

/// <summary>
/// An index from (namespace, label key, label value) to the names of objects carrying that label — the inverse the
/// EndpointSlice controller needs so that one pod change finds its Services, and one Service finds its pods, without
/// scanning the cluster.
/// </summary>
internal sealed class LabelIndex
{
    private readonly Dictionary<(string Namespace, string Key, string Value), HashSet<string>> _entries = [];
    private static readonly HashSet<string> NoNames = [];

    public void Add(string @namespace, IEnumerable<KeyValuePair<string, string>> labels, string name)
    {
        foreach (var (key, value) in labels)
        {
            if (!_entries.TryGetValue((@namespace, key, value), out var names))
            {
                _entries[(@namespace, key, value)] = names = [];
            }

            names.Add(name);
        }
    }

    public void Remove(string @namespace, IEnumerable<KeyValuePair<string, string>> labels, string name)
    {
        foreach (var (key, value) in labels)
        {
            if (_entries.TryGetValue((@namespace, key, value), out var names) && names.Remove(name) && names.Count == 0)
            {
                _entries.Remove((@namespace, key, value));
            }
        }
    }

    /// <summary>The names of the objects in <paramref name="namespace"/> labelled <paramref name="key"/>=<paramref name="value"/>.</summary>
    public IReadOnlySet<string> Find(string @namespace, string key, string value) =>
        _entries.TryGetValue((@namespace, key, value), out var names) ? names : NoNames;
}
