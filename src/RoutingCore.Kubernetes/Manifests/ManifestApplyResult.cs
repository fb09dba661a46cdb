using RoutingCore.Model;
using RoutingCore.State;

namespace RoutingCore.Kubernetes.Manifests;

/// <summary>The outcome of <see cref="ManifestSet.Apply"/>: either everything was applied (and pruned), or nothing was.</summary>
public sealed class ManifestApplyResult
{
    internal ManifestApplyResult(IReadOnlyList<ManifestDiagnostic> errors, IReadOnlyList<ManifestDiagnostic> warnings, IReadOnlyList<KubeObject> applied, IReadOnlyList<ObjectKey> pruned)
    {
        Errors = errors;
        Warnings = warnings;
        Applied = applied;
        Pruned = pruned;
    }

    internal static ManifestApplyResult Failed(ManifestDiagnostic error) => new([error], [], [], []);

    /// <summary>True when the file set was applied; false when an error kept the store as it was.</summary>
    public bool Succeeded => Errors.Count == 0;

    /// <summary>Every error: reading the files, or the store refusing objects (with the file, line and document of each).</summary>
    public IReadOnlyList<ManifestDiagnostic> Errors { get; }

    /// <summary>Warnings (skipped kinds); they do not stop the apply.</summary>
    public IReadOnlyList<ManifestDiagnostic> Warnings { get; }

    /// <summary>The objects as stored, in file order; empty when the apply failed.</summary>
    public IReadOnlyList<KubeObject> Applied { get; }

    /// <summary>The objects deleted because they disappeared from the files; empty when the apply failed.</summary>
    public IReadOnlyList<ObjectKey> Pruned { get; }
}
