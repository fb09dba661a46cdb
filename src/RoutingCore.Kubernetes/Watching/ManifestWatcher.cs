using RoutingCore.Kubernetes.Manifests;

namespace RoutingCore.Kubernetes.Watching;

/// <summary>
/// Watches the files and directories of a <see cref="ManifestSet"/> and re-applies the whole set after changes settle
/// (debounced). Each apply is atomic: a set with an error — such as a file caught half-written — applies nothing, the
/// state of the last good apply keeps serving, and <see cref="Applied"/> reports the errors.
/// </summary>
/// <remarks>
/// Changes to hidden names (editor swap files) and to files other than <c>.yaml</c>, <c>.yml</c> and <c>.json</c>
/// inside watched directories are ignored; a watched file is watched whatever its extension, including when an editor
/// replaces it by renaming. Handlers of <see cref="Applied"/> run on a timer thread and must not throw.
/// </remarks>
/// <example>
/// <code>
/// using var watcher = new ManifestWatcher(new ManifestSet(state, ["manifests/"]));
/// watcher.Applied += (_, result) =&gt; { foreach (var error in result.Errors) Console.Error.WriteLine(error); };
/// watcher.Start();
/// </code>
/// </example>
public sealed class ManifestWatcher : IDisposable
{
    private readonly ManifestSet _manifests;
    private readonly Debouncer _debouncer;
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly Lock _gate = new();
    private readonly Lock _applyGate = new();
    private bool _started;
    private bool _disposed;

    /// <summary>Creates a watcher; nothing is watched or applied before <see cref="Start"/>.</summary>
    public ManifestWatcher(ManifestSet manifests, ManifestWatcherOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(manifests);
        options ??= new ManifestWatcherOptions();
        _manifests = manifests;
        _debouncer = new Debouncer(options.Debounce, options.TimeProvider, () => Run());
    }

    /// <summary>Raised after every apply, successful or not (the initial one included).</summary>
    public event EventHandler<ManifestApplyResult>? Applied;

    /// <summary>Raised when a relevant file-system change is seen, before the debounce; lets tests wait without sleeping.</summary>
    internal event EventHandler<string>? ChangeObserved;

    /// <summary>Starts watching, then applies the set once; a change made during that apply is picked up after the debounce.</summary>
    /// <returns>The result of the initial apply.</returns>
    /// <exception cref="DirectoryNotFoundException">A path of the set, or the directory of a file path, does not exist.</exception>
    public ManifestApplyResult Start()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_started)
            {
                throw new InvalidOperationException("The watcher is already started.");
            }

            _started = true;
            foreach (var path in _manifests.Paths)
            {
                _watchers.Add(Watch(path));
            }
        }

        return Run();
    }

    /// <summary>Stops watching; waits for an apply in progress to end.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var watcher in _watchers)
            {
                watcher.Dispose();
            }
        }

        _debouncer.Dispose();
    }

    /// <summary>True when a change at <paramref name="relativePath"/> inside a watched directory can change the set: a manifest file, or a directory (no extension).</summary>
    internal static bool IsRelevant(string relativePath) =>
        !ManifestFiles.IsHidden(relativePath) && (ManifestFiles.IsManifestName(relativePath) || Path.GetExtension(relativePath).Length == 0);

    /// <summary>Applies and reports; serialised so that results are reported in the order the files were read.</summary>
    private ManifestApplyResult Run()
    {
        lock (_applyGate)
        {
            ManifestApplyResult result;
            try
            {
                result = _manifests.Apply();
            }
#pragma warning disable CA1031 // A bug in one apply must not end watching (or, on a timer thread, the process); it is reported instead.
            catch (Exception error)
#pragma warning restore CA1031
            {
                result = ManifestApplyResult.Failed(new ManifestDiagnostic { Severity = ManifestSeverity.Error, File = string.Join(", ", _manifests.Paths), Message = "internal error: " + error });
            }

            Applied?.Invoke(this, result);
            return result;
        }
    }

    private FileSystemWatcher Watch(string path)
    {
        var full = Path.GetFullPath(path);
        FileSystemWatcher watcher;
        Func<string, bool> relevant;
        if (Directory.Exists(full))
        {
            watcher = new FileSystemWatcher(full) { IncludeSubdirectories = true };
            relevant = changed => IsRelevant(Path.GetRelativePath(full, changed));
        }
        else
        {
            var directory = Path.GetDirectoryName(full);
            if (directory is null || !Directory.Exists(directory))
            {
                throw new DirectoryNotFoundException($"Cannot watch \"{path}\": neither it nor its directory exists.");
            }

            watcher = new FileSystemWatcher(directory, Path.GetFileName(full));
            relevant = _ => true;
        }

        watcher.NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size;
        FileSystemEventHandler onChange = (_, e) => Changed(e.FullPath, relevant(e.FullPath));
        watcher.Created += onChange;
        watcher.Changed += onChange;
        watcher.Deleted += onChange;
        watcher.Renamed += (_, e) => Changed(e.FullPath, relevant(e.FullPath) || relevant(e.OldFullPath));

        // A lost event (buffer overflow) may hide any change: re-read everything.
        watcher.Error += (_, _) => Changed(full, true);
        watcher.EnableRaisingEvents = true;
        return watcher;
    }

    private void Changed(string path, bool relevant)
    {
        if (!relevant)
        {
            return;
        }

        ChangeObserved?.Invoke(this, path);
        _debouncer.Signal();
    }
}
