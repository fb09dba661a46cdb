using RoutingCore.Model;

namespace RoutingCore.Workloads;

/// <summary>
/// One revision of a Deployment, as upstream's ReplicaSet but kept in the controller's memory, not in the store: the
/// pods of one template hash and how many of them the rollout wants (<see cref="Replicas"/>).
/// </summary>
/// <remarks>
/// Keeping the desired count apart from the pods is what lets a revision recreate a pod someone deleted while the
/// rollout deliberately scales another revision down. Everything else is observed from the store on each pass, so the
/// controller rebuilds its revisions from the pods' <c>pod-template-hash</c> labels when it starts on a populated store.
/// </remarks>
internal sealed class ReplicaSet
{
    public ReplicaSet(string hash, PodTemplateSpec template, int replicas, long sequence)
    {
        Hash = hash;
        Template = template;
        Replicas = replicas;
        Sequence = sequence;
    }

    /// <summary>The template hash; the revision's pods carry it as <c>pod-template-hash</c>.</summary>
    public string Hash { get; }

    /// <summary>The template new pods of this revision are made from (defaulted).</summary>
    public PodTemplateSpec Template { get; set; }

    /// <summary>Desired pods (the ReplicaSet's <c>spec.replicas</c>).</summary>
    public int Replicas { get; set; }

    /// <summary>Creation order among the Deployment's revisions: lower is older.</summary>
    public long Sequence { get; }

    /// <summary>Observed this pass: pods that count (neither terminating nor terminal).</summary>
    public List<Pod> Active { get; } = [];

    /// <summary>Observed this pass: pods being deleted gracefully.</summary>
    public int Terminating { get; set; }

    /// <summary>Observed this pass: active pods that are ready (upstream's available pods; see the controller's remarks on minReadySeconds).</summary>
    public int Available { get; set; }

    /// <summary>True when some pod of this revision still runs or is stopping (Recreate waits for none).</summary>
    public bool HasRunningPods => Active.Count > 0 || Terminating > 0;

    /// <summary>Clears the observations before a pass.</summary>
    public void ResetObservations()
    {
        Active.Clear();
        Terminating = 0;
        Available = 0;
    }
}
