using RoutingCore.Model;
using RoutingCore.State;

namespace RoutingCore.Kubernetes.Manifests;

/// <summary>
/// A set of manifest files or directories applied to a <see cref="ClusterState"/> as a unit, like
/// <c>kubectl apply --prune -f</c>: every apply creates or updates the declared objects and deletes the objects this
/// set created before that are no longer declared, all in one atomic write. A set with any error applies nothing, and
/// the state of the last good apply keeps serving.
/// </summary>
/// <remarks>
/// Ownership: the set owns the objects it created. An object that already existed when the set first declared it
/// (the <c>default</c> namespace, or an object another writer created) is updated but never pruned. The set remembers
/// what it owns in memory, for its lifetime. Applies are serialised.
/// </remarks>
/// <example>
/// <code>
/// var manifests = new ManifestSet(state, ["manifests/"]);
/// var result = manifests.Apply();
/// if (!result.Succeeded) foreach (var error in result.Errors) Console.Error.WriteLine(error);
/// </code>
/// </example>
public sealed class ManifestSet
{
    private readonly Lock _gate = new();
    private readonly ClusterState _state;
    private Dictionary<ObjectKey, ManifestSource> _owned = [];

    /// <summary>Creates a set over <paramref name="paths"/> (files, or directories searched recursively); nothing is read yet.</summary>
    public ManifestSet(ClusterState state, IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(paths);
        _state = state;
        Paths = [.. paths];
        if (Paths.Count == 0)
        {
            throw new ArgumentException("A manifest set needs at least one path.", nameof(paths));
        }
    }

    /// <summary>The files and directories of the set, as given.</summary>
    public IReadOnlyList<string> Paths { get; }

    /// <summary>The objects this set created and would prune once they disappear from its files.</summary>
    public IReadOnlyCollection<ObjectKey> OwnedObjects
    {
        get
        {
            lock (_gate)
            {
                return [.. _owned.Keys];
            }
        }
    }

    /// <summary>Reads the files and applies them (create or update, then prune), all or nothing.</summary>
    public ManifestApplyResult Apply()
    {
        lock (_gate)
        {
            // Reading under the lock keeps concurrent applies in file-content order.
            var loaded = ManifestLoader.Load(Paths);
            if (loaded.HasErrors)
            {
                return new ManifestApplyResult(loaded.Errors, loaded.Warnings, [], []);
            }

            var view = _state.Current;
            var declared = loaded.Objects.ToDictionary(o => ObjectKey.Of(o.Object), o => o.Source);
            var owned = new Dictionary<ObjectKey, ManifestSource>();
            foreach (var (key, source) in declared)
            {
                if (_owned.ContainsKey(key) || view.Get(key) is null)
                {
                    owned[key] = source;
                }
            }

            // Dependents before what they live in: an Ingress before its Namespace.
            var prune = _owned.Keys.Where(key => !declared.ContainsKey(key) && view.Get(key) is not null)
                .OrderByDescending(key => key.Kind).ThenBy(key => key.Namespace, StringComparer.Ordinal).ThenBy(key => key.Name, StringComparer.Ordinal)
                .ToList();
            IReadOnlyList<KubeObject> applied;
            try
            {
                applied = _state.ApplyBatch(loaded.Objects.Select(o => o.Object), prune);
            }
            catch (BatchApplyException refused)
            {
                return new ManifestApplyResult(Describe(refused, loaded.Objects, prune), loaded.Warnings, [], []);
            }

            _owned = owned;
            return new ManifestApplyResult([], loaded.Warnings, applied, prune);
        }
    }

    /// <summary>Each refusal at the file, line and document of the object (or, for a prune, where it was last declared).</summary>
    private List<ManifestDiagnostic> Describe(BatchApplyException refused, IReadOnlyList<ManifestObject> objects, List<ObjectKey> prune)
    {
        var errors = new List<ManifestDiagnostic>();
        foreach (var failure in refused.Failures)
        {
            if (failure.Index < objects.Count)
            {
                errors.Add(ManifestDiagnostic.Error(objects[failure.Index].Source, failure.Error.Message));
            }
            else
            {
                var key = prune[failure.Index - objects.Count];
                errors.Add(ManifestDiagnostic.Error(_owned[key], $"pruning {key} (no longer declared): {failure.Error.Message}"));
            }
        }

        return errors;
    }
}
