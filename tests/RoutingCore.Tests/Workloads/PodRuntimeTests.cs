using Microsoft.Extensions.Time.Testing;
using RoutingCore.Model;
using RoutingCore.State;
using RoutingCore.Workloads;
using static RoutingCore.Tests.State.Fixtures;
using static RoutingCore.Tests.Workloads.WorkloadFixtures;

namespace RoutingCore.Tests.Workloads;

public sealed class PodRuntimeTests
{
    [Fact]
    public void PodsStartOnceTheyHaveAnIPAndOnlyOnce()
    {
        var state = NewState();
        var runtime = new TestPodRuntime();
        WorkloadsController.AddTo(state, runtime);
        state.Create(Deployment(replicas: 2));
        state.Sync();

        var pods = state.PodsOf();
        Assert.Equal(pods.Select(p => "start " + p.Metadata.Name), runtime.Log);
        Assert.All(runtime.Running, h => Assert.Equal(state.Get<Pod>("default", h.Name)!.Status.PodIP, h.Pod.Status.PodIP));
        Assert.All(runtime.Running, h => Assert.Equal(state.Get<Pod>("default", h.Name)!.Metadata.Uid, h.Uid));

        state.Edit("web", d => d with { Metadata = d.Metadata with { Labels = Labels.Of(("team", "a")) } });
        state.Sync();
        Assert.Equal(2, runtime.Log.Count);
    }

    [Fact]
    public void BarePodsAreRunByTheRuntimeToo()
    {
        var state = NewState();
        var runtime = new TestPodRuntime();
        WorkloadsController.AddTo(state, runtime);
        state.Create(Pod("myapp-pod", "myapp") with { Status = new PodStatus() });
        state.Sync();

        Assert.Equal(["start myapp-pod"], runtime.Log);
        Assert.True(Assert.Single(runtime.Running).ReportRunning(ready: true));
        Assert.True(state.Get<Pod>("default", "myapp-pod")!.IsReady);
    }

    [Fact]
    public void WithoutAPodCidrPodsNeverStart()
    {
        var state = NewState(configure: o => o with { PodCidr = null });
        var runtime = new TestPodRuntime();
        WorkloadsController.AddTo(state, runtime);
        state.Create(Deployment(replicas: 2));
        state.Sync();

        Assert.Empty(runtime.Log);
        Assert.All(state.PodsOf(), p => Assert.Equal(PodPhases.Pending, p.Status.Phase));
    }

    [Fact]
    public void ReportsWriteThePhaseTheReadyConditionAndTheStartTime()
    {
        var time = new FakeTimeProvider(Epoch);
        var state = NewState(time);
        var runtime = new TestPodRuntime();
        WorkloadsController.AddTo(state, runtime);
        state.Create(Deployment(replicas: 1));
        state.Sync();
        var handle = Assert.Single(runtime.Running);

        var pod = state.Get<Pod>("default", handle.Name)!;
        Assert.Equal(PodPhases.Running, pod.Status.Phase);
        Assert.Equal(Epoch, pod.Status.StartTime);
        Assert.Equal(new PodCondition("Ready", "False", null, null, Epoch), Assert.Single(pod.Status.Conditions));

        time.Advance(TimeSpan.FromSeconds(7));
        Assert.True(handle.ReportRunning(ready: true));
        time.Advance(TimeSpan.FromSeconds(7));
        Assert.True(handle.ReportRunning(ready: true)); // no transition: the time stays
        pod = state.Get<Pod>("default", handle.Name)!;
        Assert.Equal(new PodCondition("Ready", "True", null, null, Epoch.AddSeconds(7)), Assert.Single(pod.Status.Conditions));
        Assert.Equal(Epoch, pod.Status.StartTime);

        Assert.True(handle.ReportRunning(ready: false, "CrashLoopBackOff", "back-off 10s restarting failed container"));
        pod = state.Get<Pod>("default", handle.Name)!;
        Assert.Equal("CrashLoopBackOff", pod.Status.Reason);
        Assert.Equal(new PodCondition("Ready", "False", "CrashLoopBackOff", "back-off 10s restarting failed container", Epoch.AddSeconds(14)), Assert.Single(pod.Status.Conditions));

        Assert.True(handle.ReportWaiting("ImagePullBackOff"));
        Assert.Equal(PodPhases.Pending, state.Get<Pod>("default", handle.Name)!.Status.Phase);
    }

    [Fact]
    public void ReportsForAPodThatIsGoneReturnFalse()
    {
        var state = NewState();
        var runtime = new TestPodRuntime();
        WorkloadsController.AddTo(state, runtime);
        state.Create(Deployment(replicas: 1));
        state.Sync();
        var handle = Assert.Single(runtime.Running);

        state.Delete<Deployment>("default", "web");
        state.Sync();

        Assert.False(handle.ReportRunning(ready: true));
        Assert.False(handle.ReportWaiting("ContainerCreating"));
        Assert.False(handle.ReportStopped());
        Assert.True(handle.IsStopRequested);
        Assert.Null(state.Get<Pod>("default", handle.Name));
    }

    [Fact]
    public void AGracefulRuntimeSeesItsPodsTerminateAndRemovesThemWhenStopped()
    {
        var state = NewState();
        var runtime = new TestPodRuntime { AutoReadyImages = { "echo:1" }, TerminationGracePeriodSeconds = 30, StopsAtOnce = false };
        WorkloadsController.AddTo(state, runtime);
        state.Create(Deployment(replicas: 2));
        state.Sync();

        state.Edit("web", d => d.WithReplicas(1));
        state.Sync();
        var stopping = Assert.Single(runtime.Stopping);
        var pod = state.Get<Pod>("default", stopping.Name)!;
        Assert.True(pod.IsTerminating);
        Assert.Single(state.PodsOf(), p => !p.IsTerminating);
        Assert.Equal(1, state.Get<Deployment>("default", "web")!.Status.Replicas);

        runtime.FinishStopping();
        state.Sync();
        Assert.Null(state.Get<Pod>("default", stopping.Name));
        Assert.Single(state.PodsOf());
    }

    [Fact]
    public void ARuntimeThatNeverReportsStoppedLosesThePodWhenTheGracePeriodEnds()
    {
        var time = new FakeTimeProvider(Epoch);
        var state = NewState(time);
        var runtime = new TestPodRuntime { AutoReadyImages = { "echo:1" }, TerminationGracePeriodSeconds = 30, StopsAtOnce = false };
        WorkloadsController.AddTo(state, runtime);
        state.Create(Deployment(replicas: 1));
        state.Sync();
        var name = Assert.Single(state.PodsOf()).Metadata.Name;

        state.Delete<Deployment>("default", "web");
        state.Sync();
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.NotNull(state.Get<Pod>("default", name));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(state.Get<Pod>("default", name));
        state.Sync();
        Assert.Empty(state.List<Pod>("default"));
    }

    [Fact]
    public void AGracefulDeleteOfAPodOfAnImmediateRuntimeCompletesAtOnce()
    {
        var state = NewState();
        var runtime = new TestPodRuntime { AutoReadyImages = { "echo:1" }, StopsAtOnce = false };
        WorkloadsController.AddTo(state, runtime);
        state.Create(Deployment(replicas: 1));
        state.Sync();
        var name = Assert.Single(state.PodsOf()).Metadata.Name;

        state.Delete<Pod>("default", name, new DeleteOptions { GracePeriodSeconds = 30 });
        state.Sync();

        Assert.Null(state.Get<Pod>("default", name));
        Assert.Contains("stop " + name, runtime.Log);
        Assert.True(Assert.Single(state.PodsOf()).IsReady);
    }

    [Fact]
    public void ATerminatingPodThatNeverStartedIsRemovedAtOnce()
    {
        var state = NewState(configure: o => o with { PodCidr = null });
        var runtime = new TestPodRuntime { TerminationGracePeriodSeconds = 30, StopsAtOnce = false };
        WorkloadsController.AddTo(state, runtime);
        state.Create(Deployment(replicas: 2));
        state.Sync();

        state.Edit("web", d => d.WithReplicas(0));
        state.Sync();
        Assert.Empty(state.PodsOf());
        Assert.Empty(runtime.Log);
    }

    [Fact]
    public async Task ReportsFromOtherThreadsAreSafe()
    {
        var state = NewState();
        var runtime = new TestPodRuntime();
        WorkloadsController.AddTo(state, runtime);
        state.Create(Deployment(replicas: 12));
        state.Sync();

        // Every pod flips readiness several times from two threads while the controllers run on a third.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var controllers = Task.Run(() => state.RunControllersAsync(stop.Token), TestContext.Current.CancellationToken);
        Parallel.ForEach(runtime.Running.ToList(), new ParallelOptions { MaxDegreeOfParallelism = 2 }, handle =>
        {
            for (var i = 0; i < 5; i++)
            {
                Assert.True(handle.ReportRunning(ready: i % 2 == 0));
            }

            Assert.True(handle.ReportRunning(ready: true));
        });
        stop.Cancel();
        await controllers;
        state.Sync();

        Assert.Equal(12, state.PodsOf().Count(p => p.IsReady));
        Assert.Equal(12, state.Get<Deployment>("default", "web")!.Status.ReadyReplicas);
    }
}
