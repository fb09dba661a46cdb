using RoutingCore.Model;
using RoutingCore.Workloads;

namespace RoutingCore.Tests.Workloads;

/// <summary>
/// A deterministic pod runtime: records every start and stop, reports started pods Running but not ready, and makes
/// them ready only when the test asks (or at once, for images in <see cref="AutoReadyImages"/>). Pods of images in
/// <see cref="BrokenImages"/> can never be made ready.
/// </summary>
internal sealed class TestPodRuntime : IPodRuntime
{
    private readonly SortedDictionary<string, PodHandle> _running = new(StringComparer.Ordinal);

    public int TerminationGracePeriodSeconds { get; init; }

    /// <summary>Stop completes at once (ReportStopped inside Stop); otherwise the test calls <see cref="FinishStopping"/>.</summary>
    public bool StopsAtOnce { get; init; } = true;

    public HashSet<string> AutoReadyImages { get; } = [];

    public HashSet<string> BrokenImages { get; } = [];

    public List<string> Log { get; } = [];

    public List<PodHandle> Stopping { get; } = [];

    public IReadOnlyCollection<PodHandle> Running => _running.Values;

    public void Start(PodHandle pod)
    {
        Log.Add("start " + pod.Name);
        _running.Add(pod.Name, pod);
        var image = pod.Pod.Spec.Containers[0].Image;
        if (BrokenImages.Contains(image))
        {
            pod.ReportWaiting("ImagePullBackOff", $"Back-off pulling image \"{image}\"");
        }
        else
        {
            pod.ReportRunning(ready: AutoReadyImages.Contains(image));
        }
    }

    public void Stop(PodHandle pod)
    {
        Log.Add("stop " + pod.Name);
        _running.Remove(pod.Name);
        if (StopsAtOnce)
        {
            pod.ReportStopped();
        }
        else
        {
            Stopping.Add(pod);
        }
    }

    /// <summary>The started pods that are not ready and could be, by name.</summary>
    public List<PodHandle> Startable(Func<string, Pod?> lookup) =>
        [.. _running.Values.Where(h => !BrokenImages.Contains(h.Pod.Spec.Containers[0].Image) && lookup(h.Name) is { IsReady: false })];

    /// <summary>Makes one started pod ready; true when it was running and not broken.</summary>
    public bool MakeReady(PodHandle pod) =>
        !BrokenImages.Contains(pod.Pod.Spec.Containers[0].Image) && pod.ReportRunning(ready: true);

    public void FinishStopping()
    {
        foreach (var pod in Stopping)
        {
            pod.ReportStopped();
        }

        Stopping.Clear();
    }
}
