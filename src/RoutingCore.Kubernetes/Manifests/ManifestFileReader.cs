using k8s;
using RoutingCore.Kubernetes.Mapping;
using RoutingCore.Model;
using RoutingCore.Validation;
using YamlDotNet.Core;

namespace RoutingCore.Kubernetes.Manifests;

/// <summary>
/// Reads the objects of one manifest file: every document, and every item of a <c>List</c> document, becomes one
/// object through <see cref="KubernetesYaml"/> (so field names and types are the API's, unknown fields are errors as
/// with kubectl's strict validation) and the per-kind mapping.
/// </summary>
/// <remarks>
/// The file is first parsed into an outline that knows each object's exact text range; each object is then
/// deserialised from its own slice, so one bad object is reported alone and positions in errors are the file's own
/// (the slice is padded to its column, and the line offset is added back).
/// </remarks>
internal sealed class ManifestFileReader(string file, string text, List<ManifestObject> objects, List<ManifestDiagnostic> diagnostics)
{
    public void Read()
    {
        List<OutlineNode?> documents;
        try
        {
            documents = YamlOutline.Parse(text);
        }
        catch (OutlineException error)
        {
            diagnostics.Add(new ManifestDiagnostic
            {
                Severity = ManifestSeverity.Error,
                File = file,
                Line = (int)error.Start.Line,
                Column = (int)error.Start.Column,
                Document = error.Document,
                Message = error.Message,
            });
            return;
        }

        for (var i = 0; i < documents.Count; i++)
        {
            if (documents[i] is { } root)
            {
                ReadDocument(root, i + 1);
            }
        }
    }

    private void ReadDocument(OutlineNode root, int document)
    {
        if (root is OutlineMapping mapping && mapping.Text("kind") is { } kind && kind.EndsWith("List", StringComparison.Ordinal)
            && mapping["items"] is OutlineSequence items)
        {
            for (var i = 0; i < items.Items.Count; i++)
            {
                ReadObject(items.Items[i], SourceOf(items.Items[i], document, i));
            }

            return;
        }

        ReadObject(root, SourceOf(root, document, null));
    }

    private void ReadObject(OutlineNode node, ManifestSource source)
    {
        if (node is not OutlineMapping mapping)
        {
            diagnostics.Add(ManifestDiagnostic.Error(source, $"expected an object, found {(node is OutlineSequence ? "a list" : "a scalar")}"));
            return;
        }

        var apiVersion = mapping.Text("apiVersion");
        var kind = mapping.Text("kind");
        if (apiVersion is null || kind is null)
        {
            var missing = apiVersion is null && kind is null ? "apiVersion not set, kind not set" : apiVersion is null ? "apiVersion not set" : "kind not set";
            diagnostics.Add(ManifestDiagnostic.Error(source, missing));
            return;
        }

        var name = (mapping["metadata"] as OutlineMapping)?.Text("name") ?? "";
        var kindMapping = KindMappings.Find(apiVersion, kind);
        if (kindMapping is null)
        {
            diagnostics.Add(ManifestDiagnostic.Warning(source, $"skipped {kind} {GoQuote.Quote(name)} ({apiVersion}): not a kind RoutingCore stores"));
            return;
        }

        if (!CheckBase64(kindMapping.Kind, mapping, source, name) || !CheckNullItems(mapping, source))
        {
            return;
        }

        IKubernetesObject api;
        try
        {
            api = kindMapping.Deserialize(YamlOutline.Slice(text, mapping), strict: true);
        }
        catch (YamlException error)
        {
            diagnostics.Add(DeserializationErrors.Describe(error, mapping, source));
            return;
        }

        var model = kindMapping.ToModel(api);
        if (model.Metadata.Name.Length == 0 && !string.IsNullOrEmpty(model.Metadata.GenerateName))
        {
            diagnostics.Add(ManifestDiagnostic.Error(source, $"{kind} with generateName {GoQuote.Quote(model.Metadata.GenerateName)}: cannot use generate name with apply; set metadata.name"));
            return;
        }

        // The store owns identity and versioning; a manifest copied from `kubectl get -o yaml` must not pin them.
        objects.Add(new ManifestObject(
            model.WithMetadata(model.Metadata with { Uid = "", ResourceVersion = "", Generation = 0, CreationTimestamp = null, DeletionTimestamp = null }),
            source));
    }

    /// <summary>Secret <c>data</c> and ConfigMap <c>binaryData</c> must be base64 as Go decodes it; each bad value is reported at its line.</summary>
    private bool CheckBase64(ObjectKind kind, OutlineMapping mapping, ManifestSource source, string name)
    {
        var field = kind switch
        {
            ObjectKind.Secret => "data",
            ObjectKind.ConfigMap => "binaryData",
            _ => null,
        };
        if (field is null || mapping[field] is not OutlineMapping data)
        {
            return true;
        }

        var valid = true;
        foreach (var (key, value) in data.Entries)
        {
            if (key is OutlineScalar keyText && value is OutlineScalar { IsPlainEmpty: false } valueText && GoBase64.FindError(valueText.Value) is { } offset)
            {
                valid = false;
                diagnostics.Add(ManifestDiagnostic.Error(source, $"{kind} {GoQuote.Quote(name)}: {field}[{keyText.Value}]: illegal base64 data at input byte {offset}") with
                {
                    Line = (int)valueText.Start.Line,
                    Column = (int)valueText.Start.Column,
                });
            }
        }

        return valid;
    }

    /// <summary>
    /// A list item with no value (<c>- </c> alone, typical of a file cut off mid-write) is an error here; kube-apiserver
    /// would read it as an empty object and report its missing fields instead.
    /// </summary>
    private bool CheckNullItems(OutlineMapping mapping, ManifestSource source)
    {
        var valid = true;
        Visit(mapping);
        return valid;

        void Visit(OutlineNode node)
        {
            switch (node)
            {
                case OutlineMapping map:
                    foreach (var (_, value) in map.Entries)
                    {
                        Visit(value);
                    }

                    break;
                case OutlineSequence sequence:
                    foreach (var item in sequence.Items)
                    {
                        if (item is OutlineScalar { IsPlainEmpty: true })
                        {
                            valid = false;
                            diagnostics.Add(ManifestDiagnostic.Error(source, $"{YamlOutline.PathAt(mapping, item.Start.Index)}: list item has no value") with
                            {
                                Line = (int)item.Start.Line,
                                Column = (int)item.Start.Column,
                            });
                        }
                        else
                        {
                            Visit(item);
                        }
                    }

                    break;
            }
        }
    }

    private ManifestSource SourceOf(OutlineNode node, int document, int? item) =>
        new(file, (int)node.Start.Line, (int)node.Start.Column, document, item);
}
