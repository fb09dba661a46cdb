using RoutingCore.Model;

namespace RoutingCore.Workloads;

/// <summary>
/// Which pods a shrinking revision deletes first, as upstream's <c>ActivePodsWithRanks</c>: the pods that serve least
/// and cost least to lose go first.
/// </summary>
/// <remarks>
/// Order: unscheduled before scheduled; Pending before Unknown before Running; not ready before ready; among ready
/// pods, the one ready for the shortest time first; then the newest pod first. Creation timestamps have second
/// precision, so "newest" is decided by the store's resource version at creation (upstream leaves such ties to chance),
/// and the name breaks any remaining tie so that the choice is deterministic.
/// </remarks>
internal sealed class PodDeletionOrder : IComparer<Pod>
{
    private readonly Func<Pod, long> _createdAt;

    /// <param name="createdAt">The store's resource version when the pod was created, 0 when unknown.</param>
    public PodDeletionOrder(Func<Pod, long> createdAt)
    {
        _createdAt = createdAt;
    }

    /// <summary>Negative when <paramref name="x"/> should be deleted before <paramref name="y"/>.</summary>
    public int Compare(Pod? x, Pod? y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var result = string.IsNullOrEmpty(y.Spec.NodeName).CompareTo(string.IsNullOrEmpty(x.Spec.NodeName));
        if (result != 0)
        {
            return result;
        }

        result = PhaseRank(x).CompareTo(PhaseRank(y));
        if (result != 0)
        {
            return result;
        }

        result = x.IsReady.CompareTo(y.IsReady);
        if (result != 0)
        {
            return result;
        }

        if (x.IsReady)
        {
            // Ready more recently (a later transition) goes first.
            result = LaterFirst(ReadySince(x), ReadySince(y));
            if (result != 0)
            {
                return result;
            }
        }

        result = LaterFirst(x.Metadata.CreationTimestamp, y.Metadata.CreationTimestamp);
        if (result != 0)
        {
            return result;
        }

        result = _createdAt(y).CompareTo(_createdAt(x));
        return result != 0 ? result : string.CompareOrdinal(y.Metadata.Name, x.Metadata.Name);
    }

    // An unknown time sorts first, as upstream's "empty time < less time < more time".
    private static int LaterFirst(DateTimeOffset? x, DateTimeOffset? y) => (x, y) switch
    {
        (null, null) => 0,
        (null, _) => -1,
        (_, null) => 1,
        _ => y.Value.CompareTo(x.Value),
    };

    private static int PhaseRank(Pod pod) => pod.Status.Phase switch
    {
        PodPhases.Pending => 0,
        PodPhases.Unknown => 1,
        PodPhases.Running => 2,
        _ => 0,
    };

    private static DateTimeOffset? ReadySince(Pod pod)
    {
        foreach (var condition in pod.Status.Conditions)
        {
            if (condition.Type == PodConditionTypes.Ready)
            {
                return condition.LastTransitionTime;
            }
        }

        return null;
    }
}
