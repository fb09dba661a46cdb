namespace RoutingCore.Kubernetes.Watching;

/// <summary>Settings of a <see cref="ManifestWatcher"/>.</summary>
public sealed record ManifestWatcherOptions
{
    /// <summary>The quiet period after the last file change before the set is re-read and applied; 300 ms by default.</summary>
    /// <remarks>Editors and copy tools often write a file in several steps; the delay lets them finish.</remarks>
    public TimeSpan Debounce { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>The clock of the debounce timer.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
