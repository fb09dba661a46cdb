using RoutingCore.Model;
using RoutingCore.State;
using RoutingCore.Workloads;
using static RoutingCore.Tests.State.Fixtures;
using static RoutingCore.Tests.Workloads.WorkloadFixtures;

namespace RoutingCore.Tests.Workloads;

public sealed class RecreateAndRollbackTests
{
    private static readonly DeploymentStrategy Recreate = new() { Type = "Recreate" };

    [Fact]
    public void RecreateDeletesEveryOldPodBeforeCreatingANewOne()
    {
        var (state, _) = RollingUpdateTests.Running(Deployment(replicas: 3, strategy: Recreate));
        var oldNames = state.PodsOf().Select(p => p.Metadata.Name).ToHashSet();
        using var watch = state.Watch();

        state.Edit("web", d => d.WithImage("echo:2"));
        state.Sync();

        var podEvents = Drain(watch).Where(e => e.Object is Pod && e.Type != WatchEventType.Modified).ToList();
        var lastOldDeleted = podEvents.FindLastIndex(e => e.Type == WatchEventType.Deleted && oldNames.Contains(e.Object!.Metadata.Name));
        var firstNewAdded = podEvents.FindIndex(e => e.Type == WatchEventType.Added);
        Assert.Equal(2, lastOldDeleted);
        Assert.Equal(3, firstNewAdded);
        Assert.Equal(6, podEvents.Count);
        var hash = TemplateHash(state.Get<Deployment>("default", "web")!);
        Assert.Equal([hash, hash, hash], state.PodsOf().Select(p => p.HashOf()));
    }

    [Fact]
    public void RecreateWaitsForOldPodsToFinishStopping()
    {
        var state = NewState();
        var runtime = new TestPodRuntime { AutoReadyImages = { "echo:1", "echo:2" }, TerminationGracePeriodSeconds = 30, StopsAtOnce = false };
        WorkloadsController.AddTo(state, runtime);
        state.Create(Deployment(replicas: 2, strategy: Recreate));
        state.Sync();

        var updated = state.Edit("web", d => d.WithImage("echo:2"));
        state.Sync();
        Assert.All(state.PodsOf(), p => Assert.True(p.IsTerminating));
        Assert.Equal(2, runtime.Stopping.Count);
        Assert.DoesNotContain(state.PodsOf(), p => p.HashOf() == TemplateHash(updated));

        runtime.FinishStopping();
        state.Sync();
        Assert.Equal(2, state.PodsOf().Count(p => p.HashOf() == TemplateHash(updated) && p.IsReady));
        Assert.Equal(2, state.PodsOf().Count);
    }

    [Fact]
    public void ABadTemplateStallsWithinTheBoundsAndTheOldPodsKeepServing()
    {
        var (state, runtime) = RollingUpdateTests.Running(Deployment(replicas: 4));
        runtime.BrokenImages.Add("echo:broken");
        var good = state.Get<Deployment>("default", "web")!;
        var limits = RolloutLimits.For(good.Spec);
        using var invariants = new RolloutInvariants(state);

        var bad = state.Edit("web", d => d.WithImage("echo:broken"));
        state.Sync();
        invariants.Check(limits.MinAvailable, limits.MaxTotal);
        var census = RolloutDriver.ReadyOneByOne(state, runtime, invariants, limits, TemplateHash(good), TemplateHash(bad));

        Assert.Equal(["r0=3/3 r1=2/0"], census);
        Assert.All(state.PodsOf().Where(p => p.HashOf() == TemplateHash(bad)), p =>
        {
            Assert.Equal(PodPhases.Pending, p.Status.Phase);
            Assert.Equal("ImagePullBackOff", p.Status.Reason);
        });
        Assert.Equal(
            new DeploymentStatus { ObservedGeneration = 2, Replicas = 5, UpdatedReplicas = 2, ReadyReplicas = 3, AvailableReplicas = 3, UnavailableReplicas = 1 },
            state.Get<Deployment>("default", "web")!.Status);
    }

    [Fact]
    public void RollingBackScalesTheBadRevisionDownAndTheOldOneUp()
    {
        var (state, runtime) = RollingUpdateTests.Running(Deployment(replicas: 4));
        runtime.BrokenImages.Add("echo:broken");
        var good = state.Get<Deployment>("default", "web")!;
        var limits = RolloutLimits.For(good.Spec);
        var bad = state.Edit("web", d => d.WithImage("echo:broken"));
        state.Sync();
        var survivors = state.PodsOf().Where(p => p.HashOf() == TemplateHash(good)).Select(p => p.Metadata.Name).ToList();
        Assert.Equal(3, survivors.Count);
        using var invariants = new RolloutInvariants(state);

        state.Edit("web", d => d.WithImage("echo:1"));
        state.Sync();
        invariants.Check(limits.MinAvailable, limits.MaxTotal);

        Assert.Equal("r0=4/4 r1=0/0", state.Census(TemplateHash(good), TemplateHash(bad)));
        Assert.Empty(survivors.Except(state.PodsOf().Select(p => p.Metadata.Name))); // the serving pods were never touched
        Assert.Equal(3, invariants.LowestReady);
        Assert.Equal(
            new DeploymentStatus { ObservedGeneration = 3, Replicas = 4, UpdatedReplicas = 4, ReadyReplicas = 4, AvailableReplicas = 4 },
            state.Get<Deployment>("default", "web")!.Status);
    }

    [Fact]
    public void RollingBackAfterACompletedRolloutReusesTheEarlierHash()
    {
        var state = NewState();
        WorkloadsController.AddTo(state, new TestPodRuntime { AutoReadyImages = { "echo:1", "echo:2" } });
        var first = state.Create(Deployment(replicas: 2));
        state.Sync();
        state.Edit("web", d => d.WithImage("echo:2"));
        state.Sync();
        Assert.DoesNotContain(state.PodsOf(), p => p.HashOf() == TemplateHash(first));

        state.Edit("web", d => d.WithImage("echo:1"));
        state.Sync();
        Assert.Equal([TemplateHash(first), TemplateHash(first)], state.PodsOf().Select(p => p.HashOf()));
        Assert.All(state.PodsOf(), p => Assert.StartsWith("web-" + TemplateHash(first) + "-", p.Metadata.Name, StringComparison.Ordinal));
    }

    private static List<WatchEvent> Drain(ClusterWatch watch)
    {
        var events = new List<WatchEvent>();
        while (watch.Events.TryRead(out var change))
        {
            events.Add(change);
        }

        return events;
    }
}
