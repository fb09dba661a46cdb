using YamlDotNet.Core;

namespace RoutingCore.Kubernetes.Manifests;

/// <summary>
/// One node of a YAML document with its exact text range: where it starts (line, column, index) and the index just past
/// its end. YamlDotNet's own representation model does not record where a block collection ends, which the loader
/// needs to hand one object of a document (or one item of a <c>List</c>) to <c>KubernetesYaml</c>.
/// </summary>
internal abstract class OutlineNode(Mark start, long end)
{
    public Mark Start { get; } = start;

    /// <summary>The index just past the node's text.</summary>
    public long End { get; } = end;

    public bool Contains(long index) => index >= Start.Index && (index < End || index == Start.Index);
}

/// <summary>A scalar.</summary>
internal sealed class OutlineScalar(Mark start, long end, string value, bool isPlainEmpty) : OutlineNode(start, end)
{
    public string Value { get; } = value;

    /// <summary>True for an empty plain scalar: what an empty document or a key without a value parses to.</summary>
    public bool IsPlainEmpty { get; } = isPlainEmpty;
}

/// <summary>A mapping, its entries in document order.</summary>
internal sealed class OutlineMapping(Mark start, long end, List<KeyValuePair<OutlineNode, OutlineNode>> entries) : OutlineNode(start, end)
{
    public List<KeyValuePair<OutlineNode, OutlineNode>> Entries { get; } = entries;

    /// <summary>The value of the first entry whose key is the scalar <paramref name="key"/>, or null.</summary>
    public OutlineNode? this[string key]
    {
        get
        {
            foreach (var (k, value) in Entries)
            {
                if (k is OutlineScalar scalar && scalar.Value == key)
                {
                    return value;
                }
            }

            return null;
        }
    }

    /// <summary>The text of the scalar at <paramref name="key"/>, or null when absent or not a scalar.</summary>
    public string? Text(string key) => this[key] is OutlineScalar { IsPlainEmpty: false } scalar ? scalar.Value : null;
}

/// <summary>A sequence.</summary>
internal sealed class OutlineSequence(Mark start, long end, List<OutlineNode> items) : OutlineNode(start, end)
{
    public List<OutlineNode> Items { get; } = items;
}

/// <summary>An alias (<c>*name</c>); its target is not resolved.</summary>
internal sealed class OutlineAlias(Mark start, long end) : OutlineNode(start, end);
