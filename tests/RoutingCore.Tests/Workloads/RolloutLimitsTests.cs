using RoutingCore.Model;
using RoutingCore.Workloads;
using static RoutingCore.Tests.Workloads.WorkloadFixtures;

namespace RoutingCore.Tests.Workloads;

public sealed class RolloutLimitsTests
{
    [Theory]
    // replicas, expected surge (25% rounded up), expected unavailable (25% rounded down)
    [InlineData(1, 1, 0)]
    [InlineData(3, 1, 0)]
    [InlineData(4, 1, 1)]
    [InlineData(10, 3, 2)]
    [InlineData(0, 0, 0)]
    public void DefaultsAre25PercentSurgeRoundedUpAndUnavailableRoundedDown(int replicas, int surge, int unavailable)
    {
        var limits = RolloutLimits.For(Deployment(replicas: replicas).Spec);
        Assert.Equal((surge, unavailable), (limits.MaxSurge, limits.MaxUnavailable));
    }

    [Fact]
    public void UnsetReplicasMeanOne() =>
        Assert.Equal(new RolloutLimits(1, 1, 0), RolloutLimits.For(Deployment(replicas: null).Spec));

    [Theory]
    [InlineData("0", "10%", 3, 0, 1)] // both round to zero: one pod may be unavailable, or nothing could move
    [InlineData("2", "50%", 5, 2, 2)]
    [InlineData("100%", "0", 3, 3, 0)]
    [InlineData("0", "5", 3, 0, 3)] // unavailability is capped at the replicas
    public void ExplicitBoundsResolveAsUpstream(string surge, string unavailable, int replicas, int expectedSurge, int expectedUnavailable)
    {
        static IntOrString Parse(string value) => value.EndsWith('%') ? IntOrString.FromName(value) : IntOrString.FromNumber(int.Parse(value));
        var spec = Deployment(replicas: replicas, strategy: Rolling(Parse(surge), Parse(unavailable))).Spec;
        var limits = RolloutLimits.For(spec);
        Assert.Equal((expectedSurge, expectedUnavailable), (limits.MaxSurge, limits.MaxUnavailable));
    }

    [Fact]
    public void RecreateHasNoRollingBounds() =>
        Assert.Equal(new RolloutLimits(3, 0, 0), RolloutLimits.For(Deployment(strategy: new DeploymentStrategy { Type = "Recreate" }).Spec));
}
