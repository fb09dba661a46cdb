using RoutingCore.Model;
using RoutingCore.State;

namespace RoutingCore.Tests.Workloads;

/// <summary>
/// Replays every store change to a Deployment's pods, one commit at a time, and checks the rolling update bounds after
/// each: not only after Sync, but at every intermediate state a reader of the store could have seen.
/// </summary>
internal sealed class RolloutInvariants : IDisposable
{
    private readonly ClusterWatch _watch;
    private readonly string _deployment;
    private readonly Dictionary<string, Pod> _pods = new(StringComparer.Ordinal);

    public RolloutInvariants(ClusterState state, string deployment = "web")
    {
        _deployment = deployment;
        _watch = state.Watch();
        foreach (var pod in _watch.Initial.List<Pod>("default").Where(Owned))
        {
            _pods[pod.Metadata.Name] = pod;
        }
    }

    /// <summary>Commits replayed so far.</summary>
    public int Steps { get; private set; }

    /// <summary>The most pods seen at once.</summary>
    public int PeakTotal { get; private set; }

    /// <summary>The fewest ready pods seen at once.</summary>
    public int LowestReady { get; private set; } = int.MaxValue;

    /// <summary>Replays the changes since the last call; after each: ready ≥ <paramref name="minReady"/> and pods ≤ <paramref name="maxTotal"/>.</summary>
    public void Check(int minReady, int maxTotal)
    {
        while (_watch.Events.TryRead(out var change))
        {
            Assert.NotEqual(WatchEventType.Resync, change.Type);
            if (change.Object is not Pod pod || !Owned(pod))
            {
                continue;
            }

            if (change.Type == WatchEventType.Deleted)
            {
                _pods.Remove(pod.Metadata.Name);
            }
            else
            {
                _pods[pod.Metadata.Name] = pod;
            }

            Steps++;
            var active = _pods.Values.Where(p => !p.IsTerminating && !p.IsTerminal).ToList();
            var ready = active.Count(p => p.IsReady);
            PeakTotal = Math.Max(PeakTotal, active.Count);
            LowestReady = Math.Min(LowestReady, ready);
            Assert.True(ready >= minReady, $"after {change.Type} {pod.Metadata.Name}: {ready} ready < {minReady}");
            Assert.True(active.Count <= maxTotal, $"after {change.Type} {pod.Metadata.Name}: {active.Count} pods > {maxTotal}");
        }
    }

    public void Dispose() => _watch.Dispose();

    private bool Owned(Pod pod) => pod.Metadata.OwnerReferences.Any(o => o.Kind == "Deployment" && o.Name == _deployment);
}
