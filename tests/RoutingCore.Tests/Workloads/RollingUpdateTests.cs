using FsCheck.Xunit;
using RoutingCore.Model;
using RoutingCore.State;
using RoutingCore.Workloads;
using static RoutingCore.Tests.State.Fixtures;
using static RoutingCore.Tests.Workloads.WorkloadFixtures;

namespace RoutingCore.Tests.Workloads;

public sealed class RollingUpdateTests
{
    public static TheoryData<string, int, IntOrString?, IntOrString?, string[]> Rollouts => new()
    {
        {
            "defaults (25%: surge 1, unavailable 1)", 4, null, null,
            ["r0=4/4 r1=0/0", "r0=3/3 r1=2/0", "r0=2/2 r1=3/1", "r0=1/1 r1=4/2", "r0=0/0 r1=4/3", "r0=0/0 r1=4/4"]
        },
        {
            "surge 1, unavailable 0: one extra pod at a time, never below 3 ready", 3, 1, 0,
            ["r0=3/3 r1=0/0", "r0=3/3 r1=1/0", "r0=2/2 r1=2/1", "r0=1/1 r1=3/2", "r0=0/0 r1=3/3"]
        },
        {
            "surge 0, unavailable 1: an old pod goes before each new one", 3, 0, 1,
            ["r0=3/3 r1=0/0", "r0=2/2 r1=1/0", "r0=1/1 r1=2/1", "r0=0/0 r1=3/2", "r0=0/0 r1=3/3"]
        },
        {
            "surge 2, unavailable 2 of 4", 4, 2, 2,
            ["r0=4/4 r1=0/0", "r0=2/2 r1=4/0", "r0=1/1 r1=4/1", "r0=0/0 r1=4/2", "r0=0/0 r1=4/3", "r0=0/0 r1=4/4"]
        },
    };

    [Theory]
    [MemberData(nameof(Rollouts))]
    public void ARolloutStepsWithinMaxSurgeAndMaxUnavailable(string description, int replicas, IntOrString? maxSurge, IntOrString? maxUnavailable, string[] expected)
    {
        Assert.NotEmpty(description);
        var strategy = maxSurge is null && maxUnavailable is null ? new DeploymentStrategy() : Rolling(maxSurge, maxUnavailable);
        var (state, runtime) = Running(Deployment(replicas: replicas, strategy: strategy));
        var oldHash = TemplateHash(state.Get<Deployment>("default", "web")!);
        var limits = RolloutLimits.For(state.Get<Deployment>("default", "web")!.Spec);
        using var invariants = new RolloutInvariants(state);

        var updated = state.Edit("web", d => d.WithImage("echo:2"));
        var census = new List<string> { state.Census(oldHash, TemplateHash(updated)) };
        state.Sync();
        invariants.Check(limits.MinAvailable, limits.MaxTotal);
        census.AddRange(RolloutDriver.ReadyOneByOne(state, runtime, invariants, limits, oldHash, TemplateHash(updated)));

        Assert.Equal(expected, census.Distinct());
        Assert.Equal(limits.MaxTotal, invariants.PeakTotal);
        Assert.Equal(limits.MinAvailable, invariants.LowestReady);
        Assert.Equal(
            new DeploymentStatus { ObservedGeneration = 2, Replicas = replicas, UpdatedReplicas = replicas, ReadyReplicas = replicas, AvailableReplicas = replicas },
            state.Get<Deployment>("default", "web")!.Status);
    }

    [Fact]
    public void TheStatusReportsARolloutInProgress()
    {
        var (state, _) = Running(Deployment(replicas: 4));
        state.Edit("web", d => d.WithImage("echo:2"));
        state.Sync();

        Assert.Equal(
            new DeploymentStatus { ObservedGeneration = 2, Replicas = 5, UpdatedReplicas = 2, ReadyReplicas = 3, AvailableReplicas = 3, UnavailableReplicas = 1 },
            state.Get<Deployment>("default", "web")!.Status);
    }

    [Fact]
    public void ATemplateChangedAgainMidRolloutRollsOnToTheLatest()
    {
        var (state, runtime) = Running(Deployment(replicas: 4));
        var limits = RolloutLimits.For(state.Get<Deployment>("default", "web")!.Spec);
        using var invariants = new RolloutInvariants(state);
        state.Edit("web", d => d.WithImage("echo:2"));
        state.Sync();
        RolloutDriver.ReadyOneByOne(state, runtime, invariants, limits).Clear();

        state.Edit("web", d => d.WithImage("echo:3"));
        state.Sync();
        invariants.Check(limits.MinAvailable, limits.MaxTotal);
        RolloutDriver.ReadyOneByOne(state, runtime, invariants, limits);

        var latest = TemplateHash(state.Get<Deployment>("default", "web")!);
        Assert.Equal(Enumerable.Repeat(latest, 4), state.PodsOf().Select(p => p.HashOf()));
        Assert.All(state.PodsOf(), p => Assert.True(p.IsReady));
    }

    [Fact]
    public void ScalingMidRolloutKeepsTheBoundsOfTheNewReplicas()
    {
        var (state, runtime) = Running(Deployment(replicas: 4));
        state.Edit("web", d => d.WithImage("echo:2"));
        state.Sync();

        var scaled = state.Edit("web", d => d.WithReplicas(8));
        var limits = RolloutLimits.For(scaled.Spec);
        using var invariants = new RolloutInvariants(state);
        state.Sync();
        invariants.Check(3, limits.MaxTotal); // 3 were ready when the scale-up began; capacity only grows from there
        RolloutDriver.ReadyOneByOne(state, runtime, invariants, limits with { MaxUnavailable = limits.Replicas - 3 });

        Assert.Equal(8, state.PodsOf().Count(p => p.IsReady && p.HashOf() == TemplateHash(scaled)));
        Assert.Equal(8, state.PodsOf().Count);
    }

    /// <summary>Any bounds, any replicas, any readiness order: every commit stays within the bounds and the rollout completes.</summary>
    [Property(MaxTest = 40, Replay = "8675309,1234567")]
    public bool EveryRolloutStaysWithinItsBounds(byte rawReplicas, byte rawSurge, byte rawUnavailable, bool percent, int seed)
    {
        var replicas = 1 + (rawReplicas % 6);
        var surge = rawSurge % 4;
        var unavailable = surge == 0 ? 1 + (rawUnavailable % 3) : rawUnavailable % 4;
        IntOrString Bound(int n) => percent ? IntOrString.FromName($"{n * 25}%") : IntOrString.FromNumber(n);
        var (state, runtime) = Running(Deployment(replicas: replicas, strategy: Rolling(Bound(surge), Bound(unavailable))));
        var limits = RolloutLimits.For(state.Get<Deployment>("default", "web")!.Spec);
        using var invariants = new RolloutInvariants(state);
        state.Edit("web", d => d.WithImage("echo:2"));
        state.Sync();
        invariants.Check(limits.MinAvailable, limits.MaxTotal);

        // Pods become ready in a random order, one by one.
        var random = new Random(seed);
        for (var step = 0; step < 100; step++)
        {
            var startable = runtime.Startable(name => state.Get<Pod>("default", name));
            if (startable.Count == 0)
            {
                break;
            }

            runtime.MakeReady(startable[random.Next(startable.Count)]);
            state.Sync();
            invariants.Check(limits.MinAvailable, limits.MaxTotal);
        }

        var hash = TemplateHash(state.Get<Deployment>("default", "web")!);
        var pods = state.PodsOf();
        return pods.Count == replicas && pods.All(p => p.IsReady && p.HashOf() == hash);
    }

    /// <summary>A store whose Deployment runs with every pod of echo:1 ready; pods of other images wait for the test.</summary>
    internal static (ClusterState State, TestPodRuntime Runtime) Running(Deployment deployment)
    {
        var state = NewState();
        var runtime = new TestPodRuntime { AutoReadyImages = { "echo:1" } };
        WorkloadsController.AddTo(state, runtime);
        state.Create(deployment);
        state.Sync();
        Assert.All(state.PodsOf(), p => Assert.True(p.IsReady));
        return (state, runtime);
    }
}
