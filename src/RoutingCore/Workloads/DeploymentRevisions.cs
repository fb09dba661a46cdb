using RoutingCore.Model;

namespace RoutingCore.Workloads;

/// <summary>
/// The revisions (internal ReplicaSets) of one Deployment incarnation, and what each pass observes of their pods.
/// </summary>
/// <remarks>
/// A revision unknown to the controller but present in the store as pods (the controller was added to a store that
/// already held them) is adopted with its current pod count as its desired count, and ordered by its oldest pod, so a
/// rollout interrupted that way resumes where it stood.
/// </remarks>
internal sealed class DeploymentRevisions
{
    private readonly Dictionary<string, ReplicaSet> _byHash = new(StringComparer.Ordinal);

    public DeploymentRevisions(string uid)
    {
        Uid = uid;
    }

    /// <summary>The uid of the Deployment these revisions belong to; a recreated Deployment starts afresh.</summary>
    public string Uid { get; }

    /// <summary>The revision with <paramref name="hash"/>, or null.</summary>
    public ReplicaSet? Find(string hash) => _byHash.GetValueOrDefault(hash);

    /// <summary>Adds an empty revision created at store version <paramref name="sequence"/>.</summary>
    public ReplicaSet Add(string hash, PodTemplateSpec template, long sequence)
    {
        var revision = new ReplicaSet(hash, template, 0, sequence);
        _byHash.Add(hash, revision);
        return revision;
    }

    /// <summary>Every revision, oldest first.</summary>
    public List<ReplicaSet> Oldest() =>
        [.. _byHash.Values.OrderBy(r => r.Sequence).ThenBy(r => r.Hash, StringComparer.Ordinal)];

    /// <summary>
    /// Sorts <paramref name="pods"/> (this Deployment's) into their revisions, adopting unknown revisions, then drops
    /// revisions that want no pods and have none left.
    /// </summary>
    public void Observe(IEnumerable<Pod> pods, Func<Pod, long> createdAt, string currentHash)
    {
        foreach (var revision in _byHash.Values)
        {
            revision.ResetObservations();
        }

        var byHash = new SortedDictionary<string, List<Pod>>(StringComparer.Ordinal);
        foreach (var pod in pods)
        {
            if (pod.Metadata.Labels.TryGetValue(PodTemplateHash.Label, out var hash) && !pod.IsTerminal)
            {
                if (!byHash.TryGetValue(hash, out var group))
                {
                    byHash[hash] = group = [];
                }

                group.Add(pod);
            }
        }

        var adopted = new List<ReplicaSet>();
        foreach (var (hash, group) in byHash)
        {
            if (!_byHash.TryGetValue(hash, out var revision))
            {
                revision = new ReplicaSet(hash, WorkloadPods.TemplateOf(group[0]), 0, group.Min(createdAt));
                _byHash.Add(hash, revision);
                adopted.Add(revision);
            }

            foreach (var pod in group)
            {
                if (pod.IsTerminating)
                {
                    revision.Terminating++;
                }
                else
                {
                    revision.Active.Add(pod);
                    revision.Available += pod.IsReady ? 1 : 0;
                }
            }
        }

        foreach (var revision in adopted)
        {
            revision.Replicas = revision.Active.Count;
        }

        foreach (var revision in _byHash.Values.ToList())
        {
            if (revision.Hash != currentHash && revision.Replicas == 0 && !revision.HasRunningPods)
            {
                _byHash.Remove(revision.Hash);
            }
        }
    }
}
