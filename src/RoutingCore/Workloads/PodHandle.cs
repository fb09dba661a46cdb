using System.Collections.Immutable;
using RoutingCore.Model;
using RoutingCore.State;

namespace RoutingCore.Workloads;

/// <summary>
/// One started pod as an <see cref="IPodRuntime"/> sees it: what to run, and how to report its state to the store.
/// Every method is thread-safe and may be called from any thread.
/// </summary>
/// <remarks>
/// Each report is a read-modify-write of the pod's status guarded by its resource version and retried on conflict, so
/// a report never overwrites a concurrent change (such as the pod's IP). Reports are ignored (they return false) once
/// the pod is gone or has been replaced by a pod of the same name.
/// </remarks>
public sealed class PodHandle
{
    private readonly ClusterState _state;
    private readonly Lock _timerLock = new();
    private ITimer? _graceTimer;
    private int _stopRequested;

    internal PodHandle(ClusterState state, Pod pod)
    {
        _state = state;
        Pod = pod;
    }

    /// <summary>The pod as it was when started: its spec (containers, ports, probes), labels and <c>status.podIP</c>.</summary>
    public Pod Pod { get; }

    /// <summary>The pod's namespace.</summary>
    public string Namespace => Pod.Metadata.Namespace;

    /// <summary>The pod's name.</summary>
    public string Name => Pod.Metadata.Name;

    /// <summary>The pod's uid: a pod recreated under the same name has another uid and another handle.</summary>
    public string Uid => Pod.Metadata.Uid;

    /// <summary>True once <see cref="IPodRuntime.Stop"/> has been called for this pod.</summary>
    public bool IsStopRequested => Volatile.Read(ref _stopRequested) != 0;

    /// <summary>Reports the pod Running (phase Running, start time set) and whether it is ready to serve.</summary>
    /// <param name="ready">The Ready condition: only ready pods are available to rollouts and ready endpoints.</param>
    /// <param name="reason">Why it is not ready (for example <c>CrashLoopBackOff</c>); shown as the pod's status reason.</param>
    /// <param name="message">A human-readable detail.</param>
    /// <returns>False when the pod no longer exists.</returns>
    public bool ReportRunning(bool ready, string? reason = null, string? message = null) =>
        Report(PodPhases.Running, ready, reason, message);

    /// <summary>Reports the pod still Pending and not ready, for example while an image is pulled.</summary>
    /// <param name="reason">A machine-readable reason, for example <c>ImagePullBackOff</c>.</param>
    /// <param name="message">A human-readable detail.</param>
    /// <returns>False when the pod no longer exists.</returns>
    public bool ReportWaiting(string reason, string? message = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        return Report(PodPhases.Pending, ready: false, reason, message);
    }

    /// <summary>Reports that the pod has stopped after <see cref="IPodRuntime.Stop"/>: a terminating pod is removed from the store.</summary>
    /// <returns>False when there was no terminating pod to remove.</returns>
    public bool ReportStopped()
    {
        CancelGraceTimer();
        var current = _state.Get<Pod>(Namespace, Name);
        if (current is null || current.Metadata.Uid != Uid || !current.IsTerminating)
        {
            return false;
        }

        try
        {
            _state.Delete<Pod>(Namespace, Name);
            return true;
        }
        catch (ApiException error) when (error.Reason == ApiErrorReason.NotFound)
        {
            return false;
        }
    }

    /// <summary>Marks the stop requested and, for a graceful stop, arms the grace timer; false when already requested.</summary>
    internal bool BeginStop(TimeProvider time, int gracePeriodSeconds)
    {
        if (Interlocked.Exchange(ref _stopRequested, 1) != 0)
        {
            return false;
        }

        if (gracePeriodSeconds > 0)
        {
            lock (_timerLock)
            {
                // The runtime did not report in time: remove the pod anyway, as the kubelet kills it after the grace period.
                _graceTimer = time.CreateTimer(static self => ((PodHandle)self!).ReportStopped(), this, TimeSpan.FromSeconds(gracePeriodSeconds), Timeout.InfiniteTimeSpan);
            }
        }

        return true;
    }

    /// <summary>Stops the grace timer (the pod is gone).</summary>
    internal void CancelGraceTimer()
    {
        lock (_timerLock)
        {
            _graceTimer?.Dispose();
            _graceTimer = null;
        }
    }

    private bool Report(string phase, bool ready, string? reason, string? message)
    {
        while (true)
        {
            var current = _state.Get<Pod>(Namespace, Name);
            if (current is null || current.Metadata.Uid != Uid)
            {
                return false;
            }

            try
            {
                _state.UpdateStatus(current with { Status = WithState(current.Status, phase, ready, reason, message) });
                return true;
            }
            catch (ApiException error) when (error.Reason == ApiErrorReason.Conflict)
            {
                // Someone wrote the pod between our read and our write: read it again.
            }
            catch (ApiException error) when (error.Reason == ApiErrorReason.NotFound)
            {
                return false;
            }
        }
    }

    private PodStatus WithState(PodStatus status, string phase, bool ready, string? reason, string? message)
    {
        var now = _state.Options.TimeProvider.GetUtcNow();
        now = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        var value = ready ? ConditionStatus.True : ConditionStatus.False;
        var conditions = ImmutableArray.CreateBuilder<PodCondition>();
        var transition = now;
        foreach (var condition in status.Conditions)
        {
            if (condition.Type == PodConditionTypes.Ready)
            {
                // The transition time moves only when the value does (how long a pod has been ready ranks deletions).
                transition = condition.Status == value && condition.LastTransitionTime is { } since ? since : now;
            }
            else
            {
                conditions.Add(condition);
            }
        }

        conditions.Add(new PodCondition(PodConditionTypes.Ready, value, reason, message, transition));
        return status with
        {
            Phase = phase,
            Conditions = conditions.ToImmutable(),
            Reason = reason,
            Message = message,
            StartTime = phase == PodPhases.Running ? status.StartTime ?? now : status.StartTime,
        };
    }
}
