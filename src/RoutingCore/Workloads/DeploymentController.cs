using RoutingCore.Model;
using RoutingCore.State;

namespace RoutingCore.Workloads;

/// <summary>
/// The Deployment controller: upstream's Deployment and ReplicaSet controllers in one, with ReplicaSets kept in memory
/// (<see cref="ReplicaSet"/>) rather than stored. Each pass over a Deployment observes its pods, lets the
/// <see cref="RolloutPlanner"/> set each revision's desired count, creates or deletes pods to match, and — once a pass
/// changes no pod — writes the status.
/// </summary>
/// <remarks>
/// <para>Pods are found through their controller owner reference (an index kept from pod events), never by selector:
/// other pods matching the selector are neither adopted nor deleted. A pass is driven by events only; its own pod
/// writes come back as events, so the rollout advances pass by pass until a pass has nothing to do, which is also why
/// status is written only then (it reflects a settled view, not a half-realised plan).</para>
/// <para>Availability is readiness: minReadySeconds is not honoured (the controller has no timer to wake it), and
/// progressDeadlineSeconds, revision history and collision counts are not modelled. Pods are deleted at once unless the
/// pod runtime asks for a grace period; pods in a terminal phase are not counted and stay until the Deployment goes.</para>
/// </remarks>
internal sealed class DeploymentController : IClusterController
{
    private readonly RevisionWriter _writer;
    private readonly Dictionary<(string Namespace, string Name), DeploymentRevisions> _deployments = [];
    private readonly Dictionary<(string Namespace, string Deployment), SortedSet<string>> _podsByOwner = [];
    private readonly Dictionary<(string Namespace, string Pod), long> _createdAt = [];

    public DeploymentController(int gracePeriodSeconds)
    {
        _writer = new RevisionWriter(gracePeriodSeconds, new PodDeletionOrder(CreatedAt));
    }

    public void Reconcile(ClusterState state, IReadOnlyList<WatchEvent> changes)
    {
        var dirty = new SortedSet<(string, string)>();
        foreach (var change in changes)
        {
            switch (change.Object)
            {
                case Deployment deployment:
                    dirty.Add((deployment.Metadata.Namespace, deployment.Metadata.Name));
                    break;
                case Pod pod:
                    OnPod(change, pod, dirty);
                    break;
            }
        }

        foreach (var key in dirty)
        {
            Sync(state, key);
        }
    }

    private void OnPod(WatchEvent change, Pod pod, SortedSet<(string, string)> dirty)
    {
        var ns = pod.Metadata.Namespace;
        if (change.OldObject is Pod old && WorkloadPods.Owner(old) is { } oldOwner && _podsByOwner.TryGetValue((ns, oldOwner.Name), out var oldSet))
        {
            oldSet.Remove(old.Metadata.Name);
            dirty.Add((ns, oldOwner.Name));
        }

        if (change.Type == WatchEventType.Deleted)
        {
            _createdAt.Remove((ns, pod.Metadata.Name));
            return;
        }

        if (change.Type == WatchEventType.Added)
        {
            _createdAt[(ns, pod.Metadata.Name)] = change.ResourceVersion;
        }

        if (WorkloadPods.Owner(pod) is { } owner)
        {
            if (!_podsByOwner.TryGetValue((ns, owner.Name), out var set))
            {
                _podsByOwner[(ns, owner.Name)] = set = new SortedSet<string>(StringComparer.Ordinal);
            }

            set.Add(pod.Metadata.Name);
            dirty.Add((ns, owner.Name));
        }
    }

    private long CreatedAt(Pod pod) => _createdAt.GetValueOrDefault((pod.Metadata.Namespace, pod.Metadata.Name));

    private void Sync(ClusterState state, (string Namespace, string Name) key)
    {
        var deployment = state.Get<Deployment>(key.Namespace, key.Name);
        var pods = OwnedPods(state, key);
        if (deployment is null)
        {
            // Deleting a Deployment deletes its pods (upstream's garbage collector, through the ReplicaSets).
            _deployments.Remove(key);
            foreach (var pod in pods)
            {
                _writer.DeletePod(state, pod);
            }

            return;
        }

        var changed = false;
        var uid = deployment.Metadata.Uid;
        if (!_deployments.TryGetValue(key, out var revisions) || revisions.Uid != uid)
        {
            _deployments[key] = revisions = new DeploymentRevisions(uid);
        }

        var mine = new List<Pod>(pods.Count);
        foreach (var pod in pods)
        {
            // Left over from an earlier Deployment of the same name: garbage, as the garbage collector would see it.
            if (WorkloadPods.Owner(pod)!.Uid != uid)
            {
                changed |= _writer.DeletePod(state, pod);
            }
            else
            {
                mine.Add(pod);
            }
        }

        var template = PodTemplateHash.Normalize(deployment.Spec.Template);
        var hash = PodTemplateHash.Compute(template);
        revisions.Observe(mine, CreatedAt, hash);
        var current = revisions.Find(hash);
        if (current is null && !deployment.Spec.Paused)
        {
            current = revisions.Add(hash, template, state.ResourceVersion);
        }

        var limits = RolloutLimits.For(deployment.Spec);
        var all = revisions.Oldest();
        if (deployment.Spec.Paused)
        {
            RolloutPlanner.PlanPaused(limits, all);
        }
        else
        {
            RolloutPlanner.Plan(limits, DeploymentStrategies.IsRecreate(deployment.Spec.Strategy), current!, [.. all.Where(r => r != current)]);
        }

        foreach (var revision in all)
        {
            changed |= _writer.Realize(state, deployment, revision);
        }

        if (!changed)
        {
            RevisionWriter.WriteStatus(state, deployment, limits, all, current);
        }
    }

    private List<Pod> OwnedPods(ClusterState state, (string Namespace, string Name) key)
    {
        var pods = new List<Pod>();
        if (_podsByOwner.TryGetValue(key, out var names))
        {
            foreach (var name in names)
            {
                if (state.Get<Pod>(key.Namespace, name) is { } pod)
                {
                    pods.Add(pod);
                }
            }

            if (names.Count == 0)
            {
                _podsByOwner.Remove(key);
            }
        }

        return pods;
    }


}
