using k8s.Models;
using RoutingCore.Model;
using RoutingCore.Selectors;

namespace RoutingCore.Kubernetes.Mapping;

/// <summary>apps/v1 Deployment, spec and status.</summary>
internal sealed class DeploymentMapping : KindMapping<V1Deployment, Deployment>
{
    public override ObjectKind Kind => ObjectKind.Deployment;

    protected override Deployment Map(V1Deployment api)
    {
        var spec = api.Spec ?? new V1DeploymentSpec();
        var status = api.Status;
        return new Deployment
        {
            Spec = new DeploymentSpec
            {
                Replicas = spec.Replicas,
                Selector = spec.Selector is { } selector
                    ? new LabelSelector
                    {
                        MatchLabels = MapValues.Map(selector.MatchLabels),
                        MatchExpressions = MapValues.Array(selector.MatchExpressions, e => new LabelSelectorRequirement(MapValues.Text(e.Key), MapValues.Text(e.OperatorProperty), MapValues.Strings(e.Values))),
                    }
                    : null,
                Template = PodSpecMapping.ToModel(spec.Template),
                Strategy = new DeploymentStrategy
                {
                    Type = MapValues.Text(spec.Strategy?.Type),
                    RollingUpdate = spec.Strategy?.RollingUpdate is { } rolling
                        ? new RollingUpdateDeployment(MapValues.IntOrStringOrNull(rolling.MaxUnavailable), MapValues.IntOrStringOrNull(rolling.MaxSurge))
                        : null,
                },
                MinReadySeconds = spec.MinReadySeconds ?? 0,
                RevisionHistoryLimit = spec.RevisionHistoryLimit,
                Paused = spec.Paused ?? false,
            },
            Status = status is null ? new DeploymentStatus() : new DeploymentStatus
            {
                ObservedGeneration = status.ObservedGeneration ?? 0,
                Replicas = status.Replicas ?? 0,
                UpdatedReplicas = status.UpdatedReplicas ?? 0,
                ReadyReplicas = status.ReadyReplicas ?? 0,
                AvailableReplicas = status.AvailableReplicas ?? 0,
                UnavailableReplicas = status.UnavailableReplicas ?? 0,
            },
        };
    }

    protected override V1Deployment Map(Deployment model)
    {
        var spec = model.Spec;
        var status = model.Status;
        return new V1Deployment
        {
            Spec = new V1DeploymentSpec
            {
                Replicas = spec.Replicas,
                Selector = spec.Selector is { } selector
                    ? new V1LabelSelector
                    {
                        MatchLabels = MapValues.MapOrNull(selector.MatchLabels),
                        MatchExpressions = MapValues.ListOrNull(selector.MatchExpressions, e => new V1LabelSelectorRequirement
                        {
                            Key = e.Key,
                            OperatorProperty = e.Operator,
                            Values = MapValues.StringsOrNull(e.Values),
                        }),
                    }
                    : null,
                Template = PodSpecMapping.ToKubernetes(spec.Template),
                Strategy = spec.Strategy.Type.Length == 0 && spec.Strategy.RollingUpdate is null
                    ? null
                    : new V1DeploymentStrategy
                    {
                        Type = MapValues.TextOrNull(spec.Strategy.Type),
                        RollingUpdate = spec.Strategy.RollingUpdate is { } rolling
                            ? new V1RollingUpdateDeployment { MaxUnavailable = MapValues.IntOrStringOrNull(rolling.MaxUnavailable), MaxSurge = MapValues.IntOrStringOrNull(rolling.MaxSurge) }
                            : null,
                    },
                MinReadySeconds = MapValues.NumberOrNull(spec.MinReadySeconds),
                RevisionHistoryLimit = spec.RevisionHistoryLimit,
                Paused = MapValues.TrueOrNull(spec.Paused),
            },
            Status = new V1DeploymentStatus
            {
                ObservedGeneration = status.ObservedGeneration == 0 ? null : status.ObservedGeneration,
                Replicas = MapValues.NumberOrNull(status.Replicas),
                UpdatedReplicas = MapValues.NumberOrNull(status.UpdatedReplicas),
                ReadyReplicas = MapValues.NumberOrNull(status.ReadyReplicas),
                AvailableReplicas = MapValues.NumberOrNull(status.AvailableReplicas),
                UnavailableReplicas = MapValues.NumberOrNull(status.UnavailableReplicas),
            },
        };
    }
}
