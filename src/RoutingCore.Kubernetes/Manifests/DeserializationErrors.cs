using System.Text.RegularExpressions;
using YamlDotNet.Core;

namespace RoutingCore.Kubernetes.Manifests;

/// <summary>
/// Turns a <see cref="YamlException"/> from deserialising one object's slice into a diagnostic at the file's own line
/// and column, naming the API field: <c>unknown field "spec.portz"</c>, <c>spec.ports[0].port: The input string 'abc'
/// was not in a correct format.</c>
/// </summary>
internal static partial class DeserializationErrors
{
    public static ManifestDiagnostic Describe(YamlException error, OutlineMapping node, ManifestSource source)
    {
        if (error.Start.Line <= 0)
        {
            return ManifestDiagnostic.Error(source, Detail(error, ""));
        }

        // The slice starts at the node's first line and is padded to its column (YamlOutline.Slice).
        var line = source.Line + (int)error.Start.Line - 1;
        var index = node.Start.Index + (error.Start.Index - (node.Start.Column - 1));
        var path = YamlOutline.PathAt(node, index);
        return ManifestDiagnostic.Error(source, Detail(error, path)) with { Line = line, Column = (int)error.Start.Column };
    }

    private static string Detail(YamlException error, string path)
    {
        var message = error.Message;
        if (path.Length > 0)
        {
            // YamlDotNet's wording for strict-mode refusals; kube-apiserver's strict decoding names the field instead.
            if (message.StartsWith("Property '", StringComparison.Ordinal) && message.Contains("' not found on type", StringComparison.Ordinal))
            {
                return $"unknown field \"{path}\"";
            }

            if (message.StartsWith("Encountered duplicate key", StringComparison.Ordinal))
            {
                return $"duplicate field \"{path}\"";
            }
        }

        // Positions inside a message are relative to the object's slice; the diagnostic carries the file's own.
        var detail = SlicePosition().Replace(error.InnerException?.Message ?? message, "");
        return path.Length > 0 ? $"{path}: {detail}" : detail;
    }

    [GeneratedRegex(@" ?\(at Line: \d+, Col: \d+, Idx: \d+\)")]
    private static partial Regex SlicePosition();
}
