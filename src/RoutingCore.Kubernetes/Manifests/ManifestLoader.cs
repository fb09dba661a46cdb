using RoutingCore.State;

namespace RoutingCore.Kubernetes.Manifests;

/// <summary>
/// Reads Kubernetes manifests — multi-document YAML, JSON, and <c>List</c> kinds, from files or directories (recursive;
/// <c>.yaml</c>, <c>.yml</c>, <c>.json</c>) — into the RoutingCore model, with file:line:column diagnostics.
/// </summary>
/// <remarks>
/// Kinds: Namespace, Node, Pod, Deployment, Service, Endpoints, EndpointSlice, Ingress, IngressClass, Secret
/// (<c>data</c> and <c>stringData</c>) and ConfigMap. Other kinds are skipped with a warning. Errors: YAML syntax,
/// unknown or mistyped fields, missing apiVersion or kind, bad base64, and the same kind/namespace/name declared
/// twice. Validation by the store comes later, when the objects are applied (<see cref="ManifestSet"/>).
/// </remarks>
/// <example>
/// <code>
/// var loaded = ManifestLoader.Load("manifests/");
/// foreach (var error in loaded.Errors) Console.Error.WriteLine(error);
/// </code>
/// </example>
public static class ManifestLoader
{
    /// <summary>Reads every manifest under <paramref name="paths"/> (files, or directories searched recursively).</summary>
    public static ManifestLoadResult Load(params IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var objects = new List<ManifestObject>();
        var diagnostics = new List<ManifestDiagnostic>();
        var declared = new Dictionary<ObjectKey, ManifestSource>();
        foreach (var (display, fullPath) in ManifestFiles.Enumerate(paths, diagnostics))
        {
            string text;
            try
            {
                text = File.ReadAllText(fullPath);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                diagnostics.Add(new ManifestDiagnostic { Severity = ManifestSeverity.Error, File = display, Message = error.Message });
                continue;
            }

            Read(display, text, objects, diagnostics, declared);
        }

        return new ManifestLoadResult(objects, diagnostics);
    }

    /// <summary>Reads manifests from text, reporting positions against <paramref name="fileName"/>.</summary>
    public static ManifestLoadResult LoadText(string text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(fileName);
        var objects = new List<ManifestObject>();
        var diagnostics = new List<ManifestDiagnostic>();
        Read(fileName, text, objects, diagnostics, []);
        return new ManifestLoadResult(objects, diagnostics);
    }

    private static void Read(string file, string text, List<ManifestObject> objects, List<ManifestDiagnostic> diagnostics, Dictionary<ObjectKey, ManifestSource> declared)
    {
        var first = objects.Count;
        new ManifestFileReader(file, text, objects, diagnostics).Read();
        for (var i = first; i < objects.Count; i++)
        {
            var (obj, source) = objects[i];
            if (obj.Metadata.Name.Length == 0)
            {
                continue;
            }

            var key = ObjectKey.Of(obj);
            if (!declared.TryAdd(key, source))
            {
                diagnostics.Add(ManifestDiagnostic.Error(source, $"duplicate {key}: already declared at {declared[key]}"));
            }
        }
    }
}
