using k8s.Models;
using RoutingCore.Model;

namespace RoutingCore.Kubernetes.Mapping;

/// <summary>
/// core/v1 Pod. The model keeps pod-level readiness only; the API shape reports per-container status as the kubelet
/// would: while the pod is Running, every container (and every sidecar) is running and ready exactly when the pod is,
/// and plain init containers have completed. kubectl's READY and STATUS columns are computed from these.
/// </summary>
internal sealed class PodMapping : KindMapping<V1Pod, Pod>
{
    public override ObjectKind Kind => ObjectKind.Pod;

    protected override Pod Map(V1Pod api)
    {
        var status = api.Status;
        return new Pod
        {
            Spec = PodSpecMapping.ToModel(api.Spec),
            Status = status is null ? new PodStatus() : new PodStatus
            {
                Phase = string.IsNullOrEmpty(status.Phase) ? PodPhases.Pending : status.Phase,
                PodIP = status.PodIP,
                PodIPs = MapValues.Array(status.PodIPs, ip => MapValues.Text(ip.Ip)),
                HostIP = status.HostIP,
                Conditions = MapValues.Array(status.Conditions, c => new PodCondition(
                    MapValues.Text(c.Type), MapValues.Text(c.Status), c.Reason, c.Message, MapValues.Time(c.LastTransitionTime))),
                Reason = status.Reason,
                Message = status.Message,
                StartTime = MapValues.Time(status.StartTime),
            },
        };
    }

    protected override V1Pod Map(Pod model)
    {
        var status = model.Status;
        var running = status.Phase == PodPhases.Running;
        return new V1Pod
        {
            Spec = PodSpecMapping.ToKubernetes(model.Spec),
            Status = new V1PodStatus
            {
                Phase = status.Phase,
                PodIP = status.PodIP,
                PodIPs = MapValues.ListOrNull(status.PodIPs, ip => new V1PodIP { Ip = ip }),
                HostIP = status.HostIP,
                HostIPs = status.HostIP is null ? null : [new V1HostIP { Ip = status.HostIP }],
                Conditions = MapValues.ListOrNull(status.Conditions, c => new V1PodCondition
                {
                    Type = c.Type,
                    Status = c.Status,
                    Reason = c.Reason,
                    Message = c.Message,
                    LastTransitionTime = MapValues.Time(c.LastTransitionTime),
                }),
                Reason = status.Reason,
                Message = status.Message,
                StartTime = MapValues.Time(status.StartTime),
                ContainerStatuses = running ? MapValues.ListOrNull(model.Spec.Containers, c => Running(c, model)) : null,
                InitContainerStatuses = running ? MapValues.ListOrNull(model.Spec.InitContainers, c => c.RestartPolicy == "Always" ? Running(c, model) : Completed(c)) : null,
            },
        };
    }

    private static V1ContainerStatus Running(Container container, Pod pod) => new()
    {
        Name = container.Name,
        Image = container.Image,
        Ready = pod.IsReady,
        RestartCount = 0,
        Started = true,
        State = new V1ContainerState { Running = new V1ContainerStateRunning { StartedAt = MapValues.Time(pod.Status.StartTime) } },
    };

    private static V1ContainerStatus Completed(Container container) => new()
    {
        Name = container.Name,
        Image = container.Image,
        Ready = false,
        RestartCount = 0,
        Started = false,
        State = new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = 0, Reason = "Completed" } },
    };
}
