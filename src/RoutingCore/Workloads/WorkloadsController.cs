using System.Runtime.CompilerServices;
using RoutingCore.State;

namespace RoutingCore.Workloads;

/// <summary>
/// Adds Deployment support to a <see cref="ClusterState"/>: replicas become Pods named as a ReplicaSet names them
/// (<c>&lt;deployment&gt;-&lt;pod-template-hash&gt;-&lt;5 characters&gt;</c>), scaled up and down and rolled out with
/// the RollingUpdate or Recreate strategy; an optional <see cref="IPodRuntime"/> runs the pods and reports readiness.
/// </summary>
/// <remarks>
/// <para>Not built into the store: a host opts in once per store. Without a runtime, the controller creates and deletes
/// pods but they stay Pending and never ready, so a rolling update stalls after its first surge (as a real cluster whose
/// pods never start); a store fed pods with a status by manifests is unaffected.</para>
/// <para>Each pod gets the labels of the template plus <c>pod-template-hash</c>, the template's annotations and spec,
/// and a controller owner reference to its Deployment (upstream's points to the ReplicaSet, which is not stored here).
/// Status (<c>observedGeneration</c>, <c>replicas</c>, <c>updatedReplicas</c>, <c>readyReplicas</c>,
/// <c>availableReplicas</c>, <c>unavailableReplicas</c>) is written through the status subresource.</para>
/// <para>The template hash is computed as upstream's (FNV-32a, rendered in the safe-encode alphabet) but over a JSON
/// serialisation of the template, so it is stable and changes with the template, yet differs from the hash
/// kube-controller-manager would give the same manifest.</para>
/// </remarks>
/// <example>
/// <code>
/// var state = new ClusterState(new ClusterStateOptions { PodCidr = "127.1.0.0/16" });
/// WorkloadsController.AddTo(state, runtime);          // runtime: the host's IPodRuntime, or null
/// state.Apply(deployment);                             // replicas: 3
/// state.Sync();                                        // 3 pods web-5d59d67564-xxxxx, started by the runtime
/// </code>
/// </example>
public static class WorkloadsController
{
    private static readonly ConditionalWeakTable<ClusterState, object> Attached = [];

    /// <summary>Adds the Deployment controller (and, with a runtime, the pod lifecycle controller) to <paramref name="state"/>.</summary>
    /// <param name="state">The store.</param>
    /// <param name="runtime">Runs the pods and reports their readiness; null leaves pods Pending.</param>
    /// <exception cref="InvalidOperationException">Workloads were already added to this store.</exception>
    public static void AddTo(ClusterState state, IPodRuntime? runtime = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!Attached.TryAdd(state, runtime ?? new object()))
        {
            throw new InvalidOperationException("Workloads are already added to this store.");
        }

        state.AddController(new DeploymentController(runtime?.TerminationGracePeriodSeconds ?? 0));
        if (runtime is not null)
        {
            state.AddController(new PodLifecycleController(runtime));
        }
    }
}
