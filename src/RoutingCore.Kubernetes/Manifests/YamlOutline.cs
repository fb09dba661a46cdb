using System.Globalization;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace RoutingCore.Kubernetes.Manifests;

/// <summary>
/// Parses a YAML stream into <see cref="OutlineNode"/> trees, one per document, and maps text positions back to API
/// field paths (<c>spec.ports[0].port</c>) for error messages.
/// </summary>
/// <remarks>
/// Range rule: a block collection ends where YamlDotNet reports its end event, which is the start of the next token (so
/// the range may carry trailing comments and blank lines, never the next sibling's text); a flow collection's end
/// event sits on its closing bracket, so its range ends one character later. JSON is YAML's flow style, so the same
/// parser reads <c>.json</c> files.
/// </remarks>
internal static class YamlOutline
{
    /// <summary>The documents of <paramref name="text"/> (a null root for an empty document).</summary>
    /// <exception cref="OutlineException">The text is not valid YAML; carries the document the error is in.</exception>
    public static List<OutlineNode?> Parse(string text)
    {
        var documents = new List<OutlineNode?>();
        var parser = new Parser(new StringReader(text));
        try
        {
            parser.Consume<StreamStart>();
            while (parser.TryConsume<DocumentStart>(out _))
            {
                var root = ReadNode(parser);
                documents.Add(root is OutlineScalar { IsPlainEmpty: true } ? null : root);
                parser.Consume<DocumentEnd>();
            }

            parser.Consume<StreamEnd>();
        }
        catch (YamlException error)
        {
            throw new OutlineException(documents.Count + 1, error);
        }

        return documents;
    }

    /// <summary>
    /// The text of <paramref name="node"/> alone, preceded by spaces up to its column so that indentation and every
    /// column number stay those of the file; line numbers are relative to the node's first line.
    /// </summary>
    public static string Slice(string text, OutlineNode node)
    {
        var start = (int)node.Start.Index;
        var end = (int)Math.Min(node.End, text.Length);
        return new StringBuilder(end - start + (int)node.Start.Column)
            .Append(' ', (int)node.Start.Column - 1)
            .Append(text, start, end - start)
            .ToString();
    }

    /// <summary>The API field path of the node at <paramref name="index"/> within <paramref name="root"/>, or empty.</summary>
    public static string PathAt(OutlineNode root, long index)
    {
        var path = new StringBuilder();
        var node = root;
        while (true)
        {
            switch (node)
            {
                case OutlineMapping mapping:
                    var next = default(OutlineNode);
                    foreach (var (key, value) in mapping.Entries)
                    {
                        if (key.Contains(index) || value.Contains(index))
                        {
                            var name = key is OutlineScalar scalar ? scalar.Value : "?";
                            path.Append(path.Length == 0 ? "" : ".").Append(name);
                            next = key.Contains(index) ? null : value;
                            break;
                        }
                    }

                    if (next is null)
                    {
                        return path.ToString();
                    }

                    node = next;
                    break;
                case OutlineSequence sequence:
                    var item = sequence.Items.FindIndex(i => i.Contains(index));
                    if (item < 0)
                    {
                        return path.ToString();
                    }

                    path.Append('[').Append(item.ToString(CultureInfo.InvariantCulture)).Append(']');
                    node = sequence.Items[item];
                    break;
                default:
                    return path.ToString();
            }
        }
    }

    private static OutlineNode ReadNode(IParser parser)
    {
        var current = parser.Current ?? throw new InvalidOperationException("The YAML parser ended inside a document.");
        parser.MoveNext();
        switch (current)
        {
            case Scalar scalar:
                return new OutlineScalar(scalar.Start, scalar.End.Index, scalar.Value,
                    scalar.Value.Length == 0 && scalar.Style == ScalarStyle.Plain && scalar.Tag.IsEmpty && scalar.Anchor.IsEmpty);
            case AnchorAlias alias:
                return new OutlineAlias(alias.Start, alias.End.Index);
            case SequenceStart sequenceStart:
                var items = new List<OutlineNode>();
                while (parser.Current is not SequenceEnd)
                {
                    items.Add(ReadNode(parser));
                }

                return new OutlineSequence(sequenceStart.Start, EndOf<SequenceEnd>(parser, sequenceStart.Style == SequenceStyle.Flow), items);
            case MappingStart mappingStart:
                var entries = new List<KeyValuePair<OutlineNode, OutlineNode>>();
                while (parser.Current is not MappingEnd)
                {
                    var key = ReadNode(parser);
                    entries.Add(KeyValuePair.Create(key, ReadNode(parser)));
                }

                return new OutlineMapping(mappingStart.Start, EndOf<MappingEnd>(parser, mappingStart.Style == MappingStyle.Flow), entries);
            default:
                throw new YamlException(current.Start, current.End, $"Unexpected {current.GetType().Name} in a document.");
        }
    }

    /// <summary>Consumes a collection's end event and returns the index just past the collection (see the range rule).</summary>
    private static long EndOf<TEnd>(IParser parser, bool flow)
        where TEnd : ParsingEvent
    {
        var end = parser.Consume<TEnd>();
        return flow ? end.Start.Index + 1 : end.Start.Index;
    }
}
