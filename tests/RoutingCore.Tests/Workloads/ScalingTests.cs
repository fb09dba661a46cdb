using Microsoft.Extensions.Time.Testing;
using RoutingCore.Model;
using RoutingCore.Workloads;
using static RoutingCore.Tests.State.Fixtures;
using static RoutingCore.Tests.Workloads.WorkloadFixtures;

namespace RoutingCore.Tests.Workloads;

public sealed class ScalingTests
{
    [Fact]
    public void WithoutARuntimePodsStayPendingAndTheStatusCountsThem()
    {
        var state = NewState();
        WorkloadsController.AddTo(state);
        state.Create(Deployment(replicas: 3));
        state.Sync();

        var pods = state.PodsOf();
        Assert.Equal(3, pods.Count);
        Assert.All(pods, p =>
        {
            Assert.Equal(PodPhases.Pending, p.Status.Phase);
            Assert.Empty(p.Status.Conditions);
            Assert.False(p.IsReady);
            Assert.NotNull(p.Status.PodIP); // the store's pod network still gives IPs
        });
        Assert.Equal(
            new DeploymentStatus { ObservedGeneration = 1, Replicas = 3, UpdatedReplicas = 3, ReadyReplicas = 0, AvailableReplicas = 0, UnavailableReplicas = 3 },
            state.Get<Deployment>("default", "web")!.Status);
    }

    [Fact]
    public void ScalingUpAndDownCreatesAndDeletesPodsAndUpdatesTheStatus()
    {
        var state = NewState();
        var runtime = new TestPodRuntime { AutoReadyImages = { "echo:1" } };
        WorkloadsController.AddTo(state, runtime);
        state.Create(Deployment(replicas: 2));
        state.Sync();
        Assert.Equal(2, state.PodsOf().Count(p => p.IsReady));

        foreach (var replicas in new[] { 5, 1, 0, 3 })
        {
            state.Edit("web", d => d.WithReplicas(replicas));
            state.Sync();
            var deployment = state.Get<Deployment>("default", "web")!;
            Assert.Equal(replicas, state.PodsOf().Count);
            Assert.Equal(
                new DeploymentStatus
                {
                    ObservedGeneration = deployment.Metadata.Generation,
                    Replicas = replicas,
                    UpdatedReplicas = replicas,
                    ReadyReplicas = replicas,
                    AvailableReplicas = replicas,
                    UnavailableReplicas = 0,
                },
                deployment.Status);
        }

        // Scaling never rolls: every pod is of the one template.
        Assert.Single(state.PodsOf().Select(p => p.HashOf()).Distinct());
        Assert.Equal(runtime.Log.Count(l => l.StartsWith("start", StringComparison.Ordinal)) - 3, runtime.Log.Count(l => l.StartsWith("stop", StringComparison.Ordinal)));
    }

    [Fact]
    public void ScaleDownDeletesNotReadyPodsFirstThenTheNewest()
    {
        var time = new FakeTimeProvider(Epoch);
        var state = NewState(time);
        var runtime = new TestPodRuntime();
        WorkloadsController.AddTo(state, runtime);
        state.Create(Deployment(replicas: 1));
        state.Sync();
        var created = new List<string>();
        foreach (var replicas in new[] { 2, 3, 4 })
        {
            created.AddRange(state.PodsOf().Select(p => p.Metadata.Name).Except(created));
            time.Advance(TimeSpan.FromSeconds(1));
            state.Edit("web", d => d.WithReplicas(replicas));
            state.Sync();
        }

        created.AddRange(state.PodsOf().Select(p => p.Metadata.Name).Except(created));
        Assert.Equal(4, created.Count);

        // The three oldest become ready together; the newest stays not ready.
        foreach (var handle in runtime.Running.Where(h => h.Name != created[3]).ToList())
        {
            Assert.True(runtime.MakeReady(handle));
        }

        state.Edit("web", d => d.WithReplicas(3));
        state.Sync();
        Assert.Equal(created[..3].Order(StringComparer.Ordinal), state.PodsOf().Select(p => p.Metadata.Name));

        state.Edit("web", d => d.WithReplicas(1));
        state.Sync();
        Assert.Equal([created[0]], state.PodsOf().Select(p => p.Metadata.Name));
    }

    [Fact]
    public void ScaleDownDeletesThePodReadyForTheShortestTimeBeforeOlderOnes()
    {
        var time = new FakeTimeProvider(Epoch);
        var state = NewState(time);
        var runtime = new TestPodRuntime();
        WorkloadsController.AddTo(state, runtime);
        state.Create(Deployment(replicas: 3));
        state.Sync();
        var order = runtime.Running.ToList();
        foreach (var handle in order)
        {
            time.Advance(TimeSpan.FromSeconds(5));
            runtime.MakeReady(handle);
        }

        state.Edit("web", d => d.WithReplicas(2));
        state.Sync();
        Assert.DoesNotContain(order[^1].Name, state.PodsOf().Select(p => p.Metadata.Name));
        Assert.Equal(2, state.PodsOf().Count);
    }

    [Fact]
    public void ADeletedPodIsReplaced()
    {
        var state = NewState();
        var runtime = new TestPodRuntime { AutoReadyImages = { "echo:1" } };
        WorkloadsController.AddTo(state, runtime);
        state.Create(Deployment(replicas: 2));
        state.Sync();
        var victim = state.PodsOf()[0].Metadata.Name;

        state.Delete<Pod>("default", victim);
        state.Sync();

        var pods = state.PodsOf();
        Assert.Equal(2, pods.Count);
        Assert.DoesNotContain(victim, pods.Select(p => p.Metadata.Name));
        Assert.All(pods, p => Assert.True(p.IsReady));
        Assert.Contains("stop " + victim, runtime.Log);
    }

    [Fact]
    public void DeletingTheDeploymentDeletesItsPodsAndStopsThem()
    {
        var state = NewState();
        var runtime = new TestPodRuntime { AutoReadyImages = { "echo:1" } };
        WorkloadsController.AddTo(state, runtime);
        state.Create(Deployment(replicas: 3));
        state.Create(Deployment("api", replicas: 1));
        state.Sync();
        var names = state.PodsOf().Select(p => p.Metadata.Name).ToList();

        state.Delete<Deployment>("default", "web");
        state.Sync();

        Assert.Empty(state.PodsOf());
        Assert.Single(state.PodsOf("api"));
        Assert.Equal(names.Select(n => "stop " + n), runtime.Log.Where(l => l.StartsWith("stop", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ARecreatedDeploymentOfTheSameNameReplacesThePodsOfTheOldOne()
    {
        var state = NewState();
        WorkloadsController.AddTo(state);
        state.Create(Deployment(replicas: 2));
        state.Sync();
        var before = state.PodsOf().Select(p => p.Metadata.Name).ToList();

        // Deleted and created again before the controller runs: the old pods are garbage, not the new Deployment's.
        state.Delete<Deployment>("default", "web");
        var second = state.Create(Deployment(replicas: 2));
        state.Sync();

        var pods = state.PodsOf();
        Assert.Equal(2, pods.Count);
        Assert.Empty(pods.Select(p => p.Metadata.Name).Intersect(before));
        Assert.All(pods, p => Assert.Equal(second.Metadata.Uid, p.Metadata.OwnerReferences[0].Uid));
    }

    [Fact]
    public void TheControllerAdoptsPodsItFindsInTheStore()
    {
        var state = NewState();
        var deployment = state.Create(Deployment(replicas: 3));
        var hash = TemplateHash(deployment);
        foreach (var name in new[] { "web-" + hash + "-aaaaa", "web-" + hash + "-bbbbb" })
        {
            var pod = WorkloadPods.NewPod(deployment, new ReplicaSet(hash, PodTemplateHash.Normalize(deployment.Spec.Template), 1, 0));
            state.Create(pod with { Metadata = pod.Metadata with { Name = name, GenerateName = null } });
        }

        WorkloadsController.AddTo(state);
        state.Sync();

        var names = state.PodsOf().Select(p => p.Metadata.Name).ToList();
        Assert.Equal(3, names.Count);
        Assert.Contains("web-" + hash + "-aaaaa", names);
        Assert.Contains("web-" + hash + "-bbbbb", names);
    }

    [Fact]
    public void PodsThatOnlyMatchTheSelectorAreLeftAlone()
    {
        var state = NewState();
        WorkloadsController.AddTo(state);
        state.Create(Pod("stray", "web", "127.1.9.9"));
        state.Create(Deployment(replicas: 1));
        state.Sync();

        Assert.NotNull(state.Get<Pod>("default", "stray"));
        Assert.Single(state.PodsOf());
        state.Delete<Deployment>("default", "web");
        state.Sync();
        Assert.NotNull(state.Get<Pod>("default", "stray"));
    }

    [Fact]
    public void APausedDeploymentScalesButDoesNotRollOut()
    {
        var state = NewState();
        WorkloadsController.AddTo(state, new TestPodRuntime { AutoReadyImages = { "echo:1", "echo:2" } });
        var deployment = state.Create(Deployment(replicas: 2));
        state.Sync();
        var oldHash = TemplateHash(deployment);

        state.Edit("web", d => d.WithImage("echo:2").WithReplicas(3) with { Spec = d.WithImage("echo:2").WithReplicas(3).Spec with { Paused = true } });
        state.Sync();
        Assert.Equal([oldHash, oldHash, oldHash], state.PodsOf().Select(p => p.HashOf()));
        Assert.Equal(0, state.Get<Deployment>("default", "web")!.Status.UpdatedReplicas);

        state.Edit("web", d => d with { Spec = d.Spec with { Paused = false } });
        state.Sync();
        var newHash = TemplateHash(state.Get<Deployment>("default", "web")!);
        Assert.Equal([newHash, newHash, newHash], state.PodsOf().Select(p => p.HashOf()));
    }

    [Fact]
    public void WorkloadsAttachOncePerStore()
    {
        var state = NewState();
        WorkloadsController.AddTo(state);
        Assert.Throws<InvalidOperationException>(() => WorkloadsController.AddTo(state, new TestPodRuntime()));
    }
}
