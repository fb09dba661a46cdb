namespace RoutingCore.Kubernetes.Manifests;

/// <summary>
/// The files of a file set: a given file is read whatever its extension; a given directory contributes every
/// <c>.yaml</c>, <c>.yml</c> and <c>.json</c> file below it, recursively, in ordinal order of relative path. Names
/// starting with a dot (editor swap files, <c>.git</c>) are skipped. Each file is named as kubectl names it: the
/// given path, or the given directory joined with the file's relative path.
/// </summary>
internal static class ManifestFiles
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    /// <summary>True when a path inside a watched directory names a manifest file (by extension, not hidden).</summary>
    public static bool IsManifestName(string relativePath) =>
        !IsHidden(relativePath) && Extensions.Any(e => relativePath.EndsWith(e, StringComparison.OrdinalIgnoreCase));

    /// <summary>True when any segment of <paramref name="relativePath"/> starts with a dot.</summary>
    public static bool IsHidden(string relativePath) =>
        relativePath.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Any(s => s.StartsWith('.') && s != "." && s != "..");

    /// <summary>The files to read, as (display name, full path), each once; a missing path is reported.</summary>
    public static List<(string Display, string FullPath)> Enumerate(IEnumerable<string> paths, List<ManifestDiagnostic> diagnostics)
    {
        var files = new List<(string, string)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var found = Directory.EnumerateFiles(path, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true })
                    .Select(full => Path.GetRelativePath(path, full))
                    .Where(IsManifestName)
                    .Order(StringComparer.Ordinal);
                foreach (var relative in found)
                {
                    Add(Path.Join(path, relative));
                }
            }
            else if (File.Exists(path))
            {
                Add(path);
            }
            else
            {
                diagnostics.Add(new ManifestDiagnostic { Severity = ManifestSeverity.Error, File = path, Message = $"the path \"{path}\" does not exist" });
            }
        }

        return files;

        void Add(string display)
        {
            var full = Path.GetFullPath(display);
            if (seen.Add(full))
            {
                files.Add((display, full));
            }
        }
    }
}
