namespace RoutingCore.Kubernetes.Manifests;

/// <summary>What <see cref="ManifestLoader"/> read from a file set.</summary>
public sealed class ManifestLoadResult
{
    internal ManifestLoadResult(IReadOnlyList<ManifestObject> objects, IReadOnlyList<ManifestDiagnostic> diagnostics)
    {
        Objects = objects;
        Errors = diagnostics.Where(d => d.Severity == ManifestSeverity.Error).ToList();
        Warnings = diagnostics.Where(d => d.Severity == ManifestSeverity.Warning).ToList();
    }

    /// <summary>Every object read, in file order, then document order. Objects whose own text had an error are left out.</summary>
    public IReadOnlyList<ManifestObject> Objects { get; }

    /// <summary>Every error, in file and document order; when any, the file set must not be applied.</summary>
    public IReadOnlyList<ManifestDiagnostic> Errors { get; }

    /// <summary>Every warning (skipped kinds).</summary>
    public IReadOnlyList<ManifestDiagnostic> Warnings { get; }

    /// <summary>True when there is at least one error.</summary>
    public bool HasErrors => Errors.Count > 0;
}
