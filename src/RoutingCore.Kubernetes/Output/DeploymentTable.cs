using System.Globalization;
using k8s.Models;
using RoutingCore.Model;

namespace RoutingCore.Kubernetes.Output;

/// <summary>
/// <c>kubectl get deployments</c>: <c>NAME READY UP-TO-DATE AVAILABLE AGE</c>; wide adds <c>CONTAINERS IMAGES SELECTOR</c>.
/// READY is ready replicas over desired replicas.
/// </summary>
internal sealed class DeploymentTable : TableFormat<V1Deployment>
{
    public override ObjectKind Kind => ObjectKind.Deployment;

    public override string[] Headers(bool wide) => wide
        ? ["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE", "CONTAINERS", "IMAGES", "SELECTOR"]
        : ["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"];

    protected override string[] Row(V1Deployment obj, bool wide, TableClock clock)
    {
        var spec = obj.Spec ?? new V1DeploymentSpec();
        var status = obj.Status ?? new V1DeploymentStatus();
        string[] row =
        [
            obj.Metadata.Name,
            string.Create(CultureInfo.InvariantCulture, $"{status.ReadyReplicas ?? 0}/{spec.Replicas ?? 0}"),
            (status.UpdatedReplicas ?? 0).ToString(CultureInfo.InvariantCulture),
            (status.AvailableReplicas ?? 0).ToString(CultureInfo.InvariantCulture),
            clock.Since(obj.Metadata.CreationTimestamp),
        ];
        if (!wide)
        {
            return row;
        }

        var containers = spec.Template?.Spec?.Containers ?? [];
        return [.. row, string.Join(",", containers.Select(c => c.Name)), string.Join(",", containers.Select(c => c.Image)), Selectors.Format(spec.Selector)];
    }
}
