using System.Collections.Immutable;
using RoutingCore.Selectors;

namespace RoutingCore.Model;

/// <summary>An apps/v1 Deployment: a replicated pod template rolled out by the Workloads controller.</summary>
public sealed record Deployment : KubeObject
{
    /// <inheritdoc />
    public override ObjectKind Kind => ObjectKind.Deployment;

    /// <summary>The desired state.</summary>
    public DeploymentSpec Spec { get; init; } = new();

    /// <summary>The observed state, written by the Workloads controller.</summary>
    public DeploymentStatus Status { get; init; } = new();
}

/// <summary>Deployment spec.</summary>
public sealed record DeploymentSpec
{
    /// <summary>Desired pod count; null means 1.</summary>
    public int? Replicas { get; init; }

    /// <summary>Selects the Deployment's pods; must match the template's labels.</summary>
    public LabelSelector? Selector { get; init; }

    /// <summary>The pod template.</summary>
    public PodTemplateSpec Template { get; init; } = new();

    /// <summary>How a changed template is rolled out.</summary>
    public DeploymentStrategy Strategy { get; init; } = new();

    /// <summary>Seconds a new pod must be ready before it counts as available.</summary>
    public int MinReadySeconds { get; init; }

    /// <summary>How many old ReplicaSet revisions to keep; null means 10.</summary>
    public int? RevisionHistoryLimit { get; init; }

    /// <summary>When true, the controller does not act on the Deployment.</summary>
    public bool Paused { get; init; }
}

/// <summary>A pod template: metadata and spec for the pods a workload creates.</summary>
public sealed record PodTemplateSpec
{
    /// <summary>Labels and annotations of the pods (name and namespace are set by the controller).</summary>
    public ObjectMeta Metadata { get; init; } = new();

    /// <summary>The pods' spec.</summary>
    public PodSpec Spec { get; init; } = new();
}

/// <summary>A Deployment's rollout strategy.</summary>
public sealed record DeploymentStrategy
{
    /// <summary>RollingUpdate (default) or Recreate.</summary>
    public string Type { get; init; } = "";

    /// <summary>RollingUpdate limits; null means the defaults (25% / 25%).</summary>
    public RollingUpdateDeployment? RollingUpdate { get; init; }
}

/// <summary>RollingUpdate limits: absolute counts or percentages of the desired replicas.</summary>
/// <param name="MaxUnavailable">Pods that may be unavailable during the update (default 25%, rounded down).</param>
/// <param name="MaxSurge">Pods that may exist above the desired count (default 25%, rounded up).</param>
public sealed record RollingUpdateDeployment(IntOrString? MaxUnavailable = null, IntOrString? MaxSurge = null);

/// <summary>Deployment status.</summary>
public sealed record DeploymentStatus
{
    /// <summary>The generation the status reflects.</summary>
    public long ObservedGeneration { get; init; }

    /// <summary>Pods of any revision.</summary>
    public int Replicas { get; init; }

    /// <summary>Pods of the current template.</summary>
    public int UpdatedReplicas { get; init; }

    /// <summary>Ready pods.</summary>
    public int ReadyReplicas { get; init; }

    /// <summary>Pods ready for at least minReadySeconds.</summary>
    public int AvailableReplicas { get; init; }

    /// <summary>Pods not yet available.</summary>
    public int UnavailableReplicas { get; init; }
}
