namespace RoutingCore.Kubernetes.Tests;

/// <summary>A fresh directory under the system temp directory, deleted (with its content) on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Join(System.IO.Path.GetTempPath(), "routingcore-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>Writes <paramref name="text"/> to <paramref name="relativePath"/> (creating directories), replacing the file.</summary>
    public string Write(string relativePath, string text)
    {
        var full = System.IO.Path.Join(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return full;
    }

    public void Delete(string relativePath) => File.Delete(System.IO.Path.Join(Path, relativePath));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A watcher of a failed test may still hold a handle; the OS cleans temp eventually.
        }
    }
}
