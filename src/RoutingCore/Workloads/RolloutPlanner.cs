namespace RoutingCore.Workloads;

/// <summary>
/// Decides each revision's desired pod count for one pass of the Deployment controller, as upstream's
/// <c>rolloutRolling</c> and <c>rolloutRecreate</c>; the controller then creates or deletes pods to match.
/// </summary>
/// <remarks>
/// <para>RollingUpdate, in order: (1) grow the new revision, but never past replicas + maxSurge counted over every
/// revision's desired pods; (2) shrink old revisions, at most by "all desired pods − (replicas − maxUnavailable) − the
/// new revision's unavailable pods", first removing old pods that are not available (they serve nothing), then
/// available ones, oldest revision first, only while the available pods of all revisions stay above
/// replicas − maxUnavailable.</para>
/// <para>The subtle point is that both bounds are computed on desired counts and availability observed at the start of
/// the pass: new pods are never available when created, so growing the new revision never lets old available pods go,
/// and a template whose pods never become ready stalls with the old revision still serving (the rollback case).</para>
/// <para>Recreate: shrink every old revision to zero; grow the new one only once no old pod runs or is stopping.</para>
/// <para>Paused: no rollout; a single active revision follows replicas.</para>
/// <para>Not modelled: upstream's proportional scaling of several revisions when replicas change mid-rollout (here
/// the new revision absorbs the change and old ones only shrink), and minReadySeconds.</para>
/// </remarks>
internal static class RolloutPlanner
{
    /// <summary>Sets the desired counts of <paramref name="current"/> and <paramref name="old"/> (oldest first) for one pass.</summary>
    public static void Plan(RolloutLimits limits, bool recreate, ReplicaSet current, IReadOnlyList<ReplicaSet> old)
    {
        if (recreate)
        {
            Recreate(limits, current, old);
        }
        else
        {
            GrowCurrent(limits, current, old);
            ShrinkOld(limits, current, old);
        }
    }

    /// <summary>
    /// A paused Deployment does not roll out, but with a single active revision (or none, then the newest) it still
    /// scales, as upstream's sync path; several active revisions mid-rollout are left as they are.
    /// </summary>
    public static void PlanPaused(RolloutLimits limits, IReadOnlyList<ReplicaSet> oldestFirst)
    {
        ReplicaSet? target = null;
        foreach (var revision in oldestFirst)
        {
            if (revision.Replicas > 0)
            {
                if (target is { Replicas: > 0 })
                {
                    return;
                }

                target = revision;
            }
            else if (target is not { Replicas: > 0 })
            {
                target = revision;
            }
        }

        if (target is not null)
        {
            target.Replicas = limits.Replicas;
        }
    }

    private static void Recreate(RolloutLimits limits, ReplicaSet current, IReadOnlyList<ReplicaSet> old)
    {
        var oldRunning = false;
        foreach (var revision in old)
        {
            revision.Replicas = 0;
            oldRunning |= revision.HasRunningPods;
        }

        if (!oldRunning)
        {
            current.Replicas = limits.Replicas;
        }
    }

    private static void GrowCurrent(RolloutLimits limits, ReplicaSet current, IReadOnlyList<ReplicaSet> old)
    {
        if (current.Replicas >= limits.Replicas)
        {
            current.Replicas = limits.Replicas;
            return;
        }

        var total = current.Replicas + SumReplicas(old);
        if (total < limits.MaxTotal)
        {
            current.Replicas += Math.Min(limits.MaxTotal - total, limits.Replicas - current.Replicas);
        }
    }

    private static void ShrinkOld(RolloutLimits limits, ReplicaSet current, IReadOnlyList<ReplicaSet> old)
    {
        var oldDesired = SumReplicas(old);
        if (oldDesired == 0)
        {
            return;
        }

        var currentUnavailable = Math.Max(0, current.Replicas - current.Available);
        var maxScaledDown = current.Replicas + oldDesired - limits.MinAvailable - currentUnavailable;
        if (maxScaledDown <= 0)
        {
            return;
        }

        // Unavailable old pods first: removing them costs no capacity.
        foreach (var revision in old)
        {
            var unhealthy = revision.Replicas - Math.Min(revision.Available, revision.Replicas);
            if (maxScaledDown <= 0)
            {
                break;
            }

            if (unhealthy <= 0)
            {
                continue;
            }

            var cut = Math.Min(maxScaledDown, unhealthy);
            revision.Replicas -= cut;
            maxScaledDown -= cut;
        }

        var available = current.Available;
        foreach (var revision in old)
        {
            available += revision.Available;
        }

        var toScaleDown = available - limits.MinAvailable;
        foreach (var revision in old)
        {
            if (toScaleDown <= 0)
            {
                break;
            }

            var cut = Math.Min(revision.Replicas, toScaleDown);
            revision.Replicas -= cut;
            toScaleDown -= cut;
        }
    }

    private static int SumReplicas(IReadOnlyList<ReplicaSet> revisions)
    {
        var sum = 0;
        foreach (var revision in revisions)
        {
            sum += revision.Replicas;
        }

        return sum;
    }
}
