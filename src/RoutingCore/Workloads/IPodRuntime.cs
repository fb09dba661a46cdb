namespace RoutingCore.Workloads;

/// <summary>
/// How a host runs pods (a Deployment's or bare ones): the Workloads controller asks it to start each pod once the pod has an IP
/// and to stop it when the pod is deleted; the runtime reports the pod's state back through the <see cref="PodHandle"/>.
/// </summary>
/// <remarks>
/// <para><b>Calls in.</b> <see cref="Start"/> and <see cref="Stop"/> are called from the store's controller loop
/// (<c>ClusterState.Sync</c> or <c>RunControllersAsync</c>), one at a time, never concurrently. They must return
/// quickly and must not throw (an exception leaves the controller loop): start the work and return.</para>
/// <para><b>Calls out.</b> The <see cref="PodHandle"/> methods may be called from any thread, at any time, including
/// synchronously inside <see cref="Start"/>. Each is one thread-safe write to the store (a status update with
/// optimistic concurrency, retried on conflict); the controllers react to it at their next pass. A call for a pod
/// that no longer exists returns false and does nothing.</para>
/// <para><b>Lifecycle.</b> A pod is created Pending without an IP; the store's pod network controller gives it one
/// (when <c>ClusterStateOptions.PodCidr</c> is set — without a pod CIDR, pods never start); then <see cref="Start"/>
/// is called once per pod (a pod recreated under the same name is a new pod, with a new handle). Report
/// <see cref="PodHandle.ReportRunning"/> with <c>ready: true</c> when the pod can serve: only then does it count as
/// available for rollouts and appear as a ready endpoint. With <see cref="TerminationGracePeriodSeconds"/> = 0 pods
/// are deleted at once and <see cref="Stop"/> follows (a pod someone else deletes gracefully is removed right after
/// <see cref="Stop"/>); otherwise a deleted pod is first marked terminating (its
/// endpoints turn serving-terminating), <see cref="Stop"/> is called, and the pod is removed when the runtime calls
/// <see cref="PodHandle.ReportStopped"/> or the grace period (on the store's <c>TimeProvider</c>) runs out.</para>
/// <para>Without a runtime, the controller still creates and deletes pods; they stay Pending and never ready.</para>
/// </remarks>
/// <example>
/// A runtime that serves each pod in-process and reports readiness when its listener is up:
/// <code>
/// sealed class InProcessRuntime : IPodRuntime
/// {
///     public int TerminationGracePeriodSeconds =&gt; 30;
///
///     public void Start(PodHandle pod) =&gt; _ = Task.Run(async () =&gt;
///     {
///         await StartListenerAsync(pod.Pod.Status.PodIP!, pod.Pod.Spec.Containers[0]);
///         pod.ReportRunning(ready: true);
///     });
///
///     public void Stop(PodHandle pod) =&gt; _ = Task.Run(async () =&gt;
///     {
///         await DrainAndStopListenerAsync(pod.Name);
///         pod.ReportStopped();
///     });
/// }
///
/// WorkloadsController.AddTo(state, new InProcessRuntime());
/// _ = state.RunControllersAsync(stopping);
/// </code>
/// </example>
public interface IPodRuntime
{
    /// <summary>Seconds a deleted pod may take to stop before it is removed anyway; 0 deletes pods at once.</summary>
    int TerminationGracePeriodSeconds { get; }

    /// <summary>Starts <paramref name="pod"/> (it has an IP); report its state through the handle. Must not block or throw.</summary>
    void Start(PodHandle pod);

    /// <summary>Stops <paramref name="pod"/>; with a grace period, call <see cref="PodHandle.ReportStopped"/> when done. Must not block or throw.</summary>
    void Stop(PodHandle pod);
}
