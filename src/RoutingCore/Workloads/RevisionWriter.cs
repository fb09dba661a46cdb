using RoutingCore.Model;
using RoutingCore.State;

namespace RoutingCore.Workloads;

/// <summary>
/// The Deployment controller's writes: pods created or deleted to give a revision its desired count (upstream's
/// ReplicaSet controller), and the Deployment's status.
/// </summary>
/// <remarks>
/// A shrinking revision deletes in <see cref="PodDeletionOrder"/>, so that cutting a revision by its unavailable count
/// removes exactly its unavailable pods. Deletes are immediate unless the pod runtime asked for a grace period.
/// </remarks>
internal sealed class RevisionWriter
{
    private readonly int _gracePeriodSeconds;
    private readonly PodDeletionOrder _deletionOrder;

    public RevisionWriter(int gracePeriodSeconds, PodDeletionOrder deletionOrder)
    {
        _gracePeriodSeconds = Math.Max(0, gracePeriodSeconds);
        _deletionOrder = deletionOrder;
    }

    /// <summary>Creates or deletes pods so that <paramref name="revision"/> has its desired count; true when it wrote.</summary>
    public bool Realize(ClusterState state, Deployment deployment, ReplicaSet revision)
    {
        var changed = false;
        var missing = revision.Replicas - revision.Active.Count;
        for (var i = 0; i < missing; i++)
        {
            try
            {
                state.Create(WorkloadPods.NewPod(deployment, revision));
                changed = true;
            }
            catch (ApiException error)
            {
                // Validation checked the template, yet a create can still be refused (a generated name that keeps
                // colliding, a range that is full): report it as upstream's FailedCreate event; the next pass retries.
                state.ReportWarning(new ClusterWarning(ObjectKey.Of(deployment), "FailedCreate", $"Error creating: {error.Message}"));
                break;
            }
        }

        if (missing < 0)
        {
            var victims = revision.Active.ToList();
            victims.Sort(_deletionOrder);
            for (var i = 0; i < -missing; i++)
            {
                changed |= DeletePod(state, victims[i]);
            }
        }

        return changed;
    }

    /// <summary>Deletes <paramref name="pod"/> unless it is already terminating; true when it wrote.</summary>
    public bool DeletePod(ClusterState state, Pod pod)
    {
        if (pod.IsTerminating)
        {
            return false;
        }

        try
        {
            state.Delete<Pod>(pod.Metadata.Namespace, pod.Metadata.Name, new DeleteOptions { GracePeriodSeconds = _gracePeriodSeconds });
            return true;
        }
        catch (ApiException error) when (error.Reason == ApiErrorReason.NotFound)
        {
            return false;
        }
    }

    /// <summary>Writes the status observed this pass (a no-op when unchanged).</summary>
    public static void WriteStatus(ClusterState state, Deployment deployment, RolloutLimits limits, IReadOnlyList<ReplicaSet> revisions, ReplicaSet? current)
    {
        int total = 0, ready = 0;
        foreach (var revision in revisions)
        {
            total += revision.Active.Count;
            ready += revision.Available;
        }

        var status = new DeploymentStatus
        {
            ObservedGeneration = deployment.Metadata.Generation,
            Replicas = total,
            UpdatedReplicas = current?.Active.Count ?? 0,
            ReadyReplicas = ready,
            AvailableReplicas = ready,
            UnavailableReplicas = Math.Max(0, limits.Replicas - ready),
        };
        try
        {
            state.UpdateStatus(deployment with { Status = status });
        }
        catch (ApiException error) when (error.Reason is ApiErrorReason.Conflict or ApiErrorReason.NotFound)
        {
            // The Deployment changed or went since this pass read it; that change brings another pass.
        }
    }}
