using System.Globalization;
using k8s.Models;
using RoutingCore.Model;

namespace RoutingCore.Kubernetes.Output;

/// <summary>
/// <c>kubectl get pods</c>: <c>NAME READY STATUS RESTARTS AGE</c>; wide adds <c>IP NODE NOMINATED NODE READINESS GATES</c>.
/// </summary>
/// <remarks>
/// Algorithm (kubectl's printPod): STATUS starts as the phase (or status.reason); an init container that has not
/// finished overrides it with <c>Init:...</c>; otherwise the containers are walked from last to first and a waiting or
/// terminated reason overrides it; a pod being deleted shows <c>Terminating</c>. READY counts ready running containers
/// (and started sidecars) over containers plus sidecars. The subtle point: a <c>Completed</c> reason reverts to
/// <c>Running</c> (or <c>NotReady</c>) while any container still runs.
/// </remarks>
internal sealed class PodTable : TableFormat<V1Pod>
{
    public override ObjectKind Kind => ObjectKind.Pod;

    public override string[] Headers(bool wide) => wide
        ? ["NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE", "NOMINATED NODE", "READINESS GATES"]
        : ["NAME", "READY", "STATUS", "RESTARTS", "AGE"];

    protected override string[] Row(V1Pod pod, bool wide, TableClock clock)
    {
        var spec = pod.Spec ?? new V1PodSpec();
        var status = pod.Status ?? new V1PodStatus();
        var (reason, ready, total, restarts, lastRestart) = Summarise(spec, status);
        if (pod.Metadata.DeletionTimestamp is not null && status.Reason == "NodeLost")
        {
            reason = "Unknown";
        }
        else if (pod.Metadata.DeletionTimestamp is not null && status.Phase is not (PodPhases.Succeeded or PodPhases.Failed))
        {
            reason = "Terminating";
        }

        var restartsText = restarts != 0 && lastRestart is not null
            ? string.Create(CultureInfo.InvariantCulture, $"{restarts} ({clock.Since(lastRestart)} ago)")
            : restarts.ToString(CultureInfo.InvariantCulture);
        string[] row = [pod.Metadata.Name, string.Create(CultureInfo.InvariantCulture, $"{ready}/{total}"), reason, restartsText, clock.Since(pod.Metadata.CreationTimestamp)];
        if (!wide)
        {
            return row;
        }

        var ip = status.PodIPs is { Count: > 0 } ips && !string.IsNullOrEmpty(ips[0].Ip) ? ips[0].Ip : "<none>";
        return [.. row, ip, OrNone(spec.NodeName), OrNone(status.NominatedNodeName), ReadinessGates(spec, status)];
    }

    private static (string Reason, int Ready, int Total, int Restarts, DateTime? LastRestart) Summarise(V1PodSpec spec, V1PodStatus status)
    {
        var reason = string.IsNullOrEmpty(status.Reason) ? status.Phase ?? "" : status.Reason;
        if ((status.Conditions ?? []).Any(c => c.Type == "PodScheduled" && c.Reason == "SchedulingGated"))
        {
            reason = "SchedulingGated";
        }

        var sidecars = (spec.InitContainers ?? []).Where(c => c.RestartPolicy == "Always").Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var total = (spec.Containers?.Count ?? 0) + sidecars.Count;
        var ready = 0;
        var restarts = 0;
        var sidecarRestarts = 0;
        DateTime? lastRestart = null;
        DateTime? lastSidecarRestart = null;
        var initializing = false;
        var initStatuses = status.InitContainerStatuses ?? [];
        var initCount = spec.InitContainers?.Count ?? 0;
        for (var i = 0; i < initStatuses.Count; i++)
        {
            var container = initStatuses[i];
            restarts += container.RestartCount;
            lastRestart = Later(lastRestart, container.LastState?.Terminated?.FinishedAt);
            var sidecar = sidecars.Contains(container.Name);
            if (sidecar)
            {
                sidecarRestarts += container.RestartCount;
                lastSidecarRestart = Later(lastSidecarRestart, container.LastState?.Terminated?.FinishedAt);
            }

            var state = container.State;
            if (state?.Terminated is { ExitCode: 0 })
            {
                continue;
            }

            if (sidecar && container.Started == true)
            {
                ready += container.Ready ? 1 : 0;
                continue;
            }

            if (state?.Terminated is { } terminated)
            {
                reason = string.IsNullOrEmpty(terminated.Reason)
                    ? terminated.Signal is { } signal and not 0 ? $"Init:Signal:{signal}" : $"Init:ExitCode:{terminated.ExitCode}"
                    : "Init:" + terminated.Reason;
            }
            else if (state?.Waiting is { Reason: { Length: > 0 } waiting } && waiting != "PodInitializing")
            {
                reason = "Init:" + waiting;
            }
            else
            {
                reason = string.Create(CultureInfo.InvariantCulture, $"Init:{i}/{initCount}");
            }

            initializing = true;
            break;
        }

        if (!initializing || (status.Conditions ?? []).Any(c => c.Type == "Initialized" && c.Status == ConditionStatus.True))
        {
            restarts = sidecarRestarts;
            lastRestart = lastSidecarRestart;
            var hasRunning = false;
            var statuses = status.ContainerStatuses ?? [];
            for (var i = statuses.Count - 1; i >= 0; i--)
            {
                var container = statuses[i];
                restarts += container.RestartCount;
                lastRestart = Later(lastRestart, container.LastState?.Terminated?.FinishedAt);
                var state = container.State;
                if (state?.Waiting is { Reason: { Length: > 0 } waiting })
                {
                    reason = waiting;
                }
                else if (state?.Terminated is { Reason: { Length: > 0 } terminatedReason })
                {
                    reason = terminatedReason;
                }
                else if (state?.Terminated is { } terminated)
                {
                    reason = terminated.Signal is { } signal and not 0 ? $"Signal:{signal}" : $"ExitCode:{terminated.ExitCode}";
                }
                else if (container.Ready && state?.Running is not null)
                {
                    hasRunning = true;
                    ready++;
                }
            }

            if (reason == "Completed" && hasRunning)
            {
                reason = (status.Conditions ?? []).Any(c => c.Type == PodConditionTypes.Ready && c.Status == ConditionStatus.True) ? "Running" : "NotReady";
            }
        }

        return (reason, ready, total, restarts, lastRestart);
    }

    private static string ReadinessGates(V1PodSpec spec, V1PodStatus status)
    {
        if (spec.ReadinessGates is not { Count: > 0 } gates)
        {
            return "<none>";
        }

        var satisfied = gates.Count(g => (status.Conditions ?? []).FirstOrDefault(c => c.Type == g.ConditionType) is { Status: ConditionStatus.True });
        return string.Create(CultureInfo.InvariantCulture, $"{satisfied}/{gates.Count}");
    }

    private static DateTime? Later(DateTime? current, DateTime? candidate) =>
        candidate is { } time && (current is null || time > current) ? time : current;

    private static string OrNone(string? value) => string.IsNullOrEmpty(value) ? "<none>" : value;
}
