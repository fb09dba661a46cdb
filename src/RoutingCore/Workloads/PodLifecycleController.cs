using RoutingCore.Model;
using RoutingCore.State;

namespace RoutingCore.Workloads;

/// <summary>
/// The kubelet's part, for every pod (a Deployment's or a bare one): hands each pod to the <see cref="IPodRuntime"/> once it has an IP,
/// and asks the runtime to stop it when it is deleted, marked terminating or put in a terminal phase.
/// </summary>
/// <remarks>
/// Exactly one <see cref="IPodRuntime.Start"/> and at most one <see cref="IPodRuntime.Stop"/> per pod incarnation
/// (name and uid). A terminating pod the runtime never started has nothing to stop and is removed at once; a started
/// one is removed when the runtime reports it stopped or when its grace period ends.
/// </remarks>
internal sealed class PodLifecycleController : IClusterController
{
    private readonly IPodRuntime _runtime;
    private readonly Dictionary<(string Namespace, string Name), PodHandle> _started = [];

    public PodLifecycleController(IPodRuntime runtime)
    {
        _runtime = runtime;
    }

    public void Reconcile(ClusterState state, IReadOnlyList<WatchEvent> changes)
    {
        var touched = new SortedSet<(string, string)>();
        foreach (var change in changes)
        {
            if (change.Object is Pod pod)
            {
                touched.Add((pod.Metadata.Namespace, pod.Metadata.Name));
            }
        }

        foreach (var key in touched)
        {
            SyncPod(state, key);
        }
    }

    private void SyncPod(ClusterState state, (string Namespace, string Name) key)
    {
        var pod = state.Get<Pod>(key.Namespace, key.Name);
        if (_started.TryGetValue(key, out var handle) && (pod is null || pod.Metadata.Uid != handle.Uid))
        {
            // Gone (or replaced under the same name): make sure the runtime stops it; nothing is left to delete.
            _started.Remove(key);
            handle.CancelGraceTimer();
            if (handle.BeginStop(state.Options.TimeProvider, 0))
            {
                _runtime.Stop(handle);
            }

            handle = null;
        }

        if (pod is null)
        {
            return;
        }

        if (handle is not null)
        {
            var grace = _runtime.TerminationGracePeriodSeconds;
            if ((pod.IsTerminating || pod.IsTerminal) && handle.BeginStop(state.Options.TimeProvider, pod.IsTerminating ? grace : 0))
            {
                _runtime.Stop(handle);
                if (pod.IsTerminating && grace <= 0)
                {
                    // Deleted gracefully by someone else, but this runtime stops pods at once: no grace to wait for.
                    handle.ReportStopped();
                }
            }
        }
        else if (pod.IsTerminating)
        {
            // Never started, so nothing to wait for.
            try
            {
                state.Delete<Pod>(key.Namespace, key.Name);
            }
            catch (ApiException error) when (error.Reason == ApiErrorReason.NotFound)
            {
                // Already removed by someone else: the goal is met.
            }
        }
        else if (!pod.IsTerminal && !string.IsNullOrEmpty(pod.Status.PodIP))
        {
            handle = new PodHandle(state, pod);
            _started[key] = handle;
            _runtime.Start(handle);
        }
    }
}
