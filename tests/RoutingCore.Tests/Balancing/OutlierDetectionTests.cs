using RoutingCore.Balancing;
using static RoutingCore.Tests.Balancing.BalancingFixtures;

namespace RoutingCore.Tests.Balancing;

/// <summary>Passive health: ejection after consecutive failures, growing ejection time, recovery, limits and panic.</summary>
public sealed class OutlierDetectionTests
{
    private static (EndpointSet Set, EndpointStateRegistry Registry, Microsoft.Extensions.Time.Testing.FakeTimeProvider Clock) Build(
        int endpoints, OutlierDetectionOptions? options = null)
    {
        var clock = Clock();
        var registry = new EndpointStateRegistry(options, clock);
        return (Set(endpoints, SelectionStrategy.RoundRobin(1), registry), registry, clock);
    }

    private static EndpointHealth Health(EndpointStateRegistry registry, EndpointKey key)
    {
        Assert.True(registry.TryGetHealth(key, out var health));
        return health;
    }

    private static bool IsChosen(EndpointSet set, EndpointKey key) =>
        CountPicks(set, set.Candidates.Length * 4)[set.Candidates.Select(e => e.Key).ToList().IndexOf(key)] > 0;

    [Fact]
    public void FiveConsecutiveFailuresEjectForThirtySeconds()
    {
        var (set, registry, _) = Build(20);
        var key = set.Candidates[4].Key;

        Assert.True(IsChosen(set, key));
        Fail(set, key, 4);
        Assert.False(Health(registry, key).IsEjected);
        Assert.Equal(4, Health(registry, key).ConsecutiveFailures);

        Fail(set, key, 1);
        var health = Health(registry, key);
        Assert.Equal(TimeSpan.FromSeconds(30), health.EjectionRemaining);
        Assert.Equal(1, health.Ejections);
        Assert.Equal(0, health.ConsecutiveFailures);
        Assert.False(IsChosen(set, key));
    }

    [Fact]
    public void ASuccessRestartsTheCount()
    {
        var (set, registry, _) = Build(20);
        var key = set.Candidates[0].Key;

        Fail(set, key, 4);
        LeaseOf(set, key).Complete(EndpointOutcome.Success);
        Fail(set, key, 4);

        Assert.False(Health(registry, key).IsEjected);
        Assert.Equal(4, Health(registry, key).ConsecutiveFailures);
    }

    [Fact]
    public void NeutralOutcomesDoNotCount()
    {
        var (set, registry, _) = Build(20);
        var key = set.Candidates[0].Key;

        Fail(set, key, 4);
        LeaseOf(set, key).Complete(EndpointOutcome.Neutral);

        Assert.Equal(4, Health(registry, key).ConsecutiveFailures);
        Fail(set, key, 1);
        Assert.True(Health(registry, key).IsEjected);
    }

    [Fact]
    public void EjectionTimeGrowsWithRepeatsAndEndpointsRecover()
    {
        var (set, registry, clock) = Build(20);
        var key = set.Candidates[7].Key;

        foreach (var seconds in new[] { 30, 60, 90, 120 })
        {
            Fail(set, key, 5);
            Assert.Equal(TimeSpan.FromSeconds(seconds), Health(registry, key).EjectionRemaining);
            Assert.False(IsChosen(set, key));

            clock.Advance(TimeSpan.FromSeconds(seconds - 1));
            Assert.False(IsChosen(set, key));
            clock.Advance(TimeSpan.FromSeconds(1));

            Assert.True(IsChosen(set, key)); // recovered, with a clean slate
            Assert.False(Health(registry, key).IsEjected);
            Assert.Equal(0, Health(registry, key).ConsecutiveFailures);
        }
    }

    [Fact]
    public void EjectionTimeIsCappedAtTheMaximum()
    {
        var (set, registry, clock) = Build(20);
        var key = set.Candidates[2].Key;

        for (var i = 0; i < 15; i++)
        {
            Fail(set, key, 5);
            var remaining = Health(registry, key).EjectionRemaining!.Value;
            Assert.Equal(TimeSpan.FromSeconds(Math.Min(300, 30 * (i + 1))), remaining);
            clock.Advance(remaining);
        }

        Assert.Equal(10, Health(registry, key).EjectionMultiplier);
    }

    [Fact]
    public void TheMultiplierDecaysWhileTheEndpointIsHealthy()
    {
        var (set, registry, clock) = Build(20);
        var key = set.Candidates[2].Key;
        Fail(set, key, 5);
        clock.Advance(TimeSpan.FromSeconds(30));
        Fail(set, key, 5);
        clock.Advance(TimeSpan.FromSeconds(60)); // multiplier 2

        clock.Advance(TimeSpan.FromSeconds(10)); // healthy for one decay interval: back to 1, next ejection 2 × 30 s
        Fail(set, key, 5);
        Assert.Equal(TimeSpan.FromSeconds(60), Health(registry, key).EjectionRemaining);

        clock.Advance(TimeSpan.FromMinutes(10)); // long healthy: forgiven, next ejection 30 s
        Fail(set, key, 5);
        Assert.Equal(TimeSpan.FromSeconds(30), Health(registry, key).EjectionRemaining);
    }

    [Fact]
    public void AtMostTenPercentAreEjected()
    {
        var (set, registry, _) = Build(20);
        var keys = set.Candidates.Take(4).Select(e => e.Key).ToArray();

        foreach (var key in keys)
        {
            Fail(set, key, 5);
        }

        Assert.Equal([true, true, false, false], keys.Select(k => Health(registry, k).IsEjected));
        Assert.Equal(5, Health(registry, keys[2]).ConsecutiveFailures); // refused, still counting
    }

    [Fact]
    public void OneEndpointIsAlwaysEjectable()
    {
        var (set, registry, _) = Build(5);
        var keys = set.Candidates.Take(2).Select(e => e.Key).ToArray();

        Fail(set, keys[0], 5);
        Fail(set, keys[1], 5);

        Assert.Equal([true, false], keys.Select(k => Health(registry, k).IsEjected));
    }

    [Fact]
    public void BelowThePanicThresholdEveryCandidateIsUsed()
    {
        var (set, registry, _) = Build(4, OutlierDetectionOptions.Default with { MaxEjectionPercent = 100 });
        var keys = set.Candidates.Select(e => e.Key).ToArray();

        Fail(set, keys[0], 5);
        Fail(set, keys[1], 5);
        Assert.Equal([0, 0, 50, 50], CountPicks(set, 100)); // two of four healthy: 50 %, not below the threshold

        Fail(set, keys[2], 5);
        Assert.True(keys.Take(3).All(k => Health(registry, k).IsEjected));
        Assert.Equal([25, 25, 25, 25], CountPicks(set, 100)); // one of four healthy: panic, all are used
    }

    [Fact]
    public void ASingleEjectedEndpointStillServes()
    {
        var (set, registry, _) = Build(1);
        Fail(set, set.Candidates[0].Key, 5);

        Assert.True(Health(registry, set.Candidates[0].Key).IsEjected);
        Assert.Equal([10], CountPicks(set, 10));
    }

    [Fact]
    public void DisabledOptionsNeverEject()
    {
        var (set, registry, _) = Build(20, OutlierDetectionOptions.Disabled);
        Fail(set, set.Candidates[0].Key, 50);

        Assert.False(Health(registry, set.Candidates[0].Key).IsEjected);
        Assert.Equal(50, Health(registry, set.Candidates[0].Key).ConsecutiveFailures);
    }

    [Fact]
    public void EjectionSurvivesASnapshotSwap()
    {
        var (set, registry, clock) = Build(20);
        var key = set.Candidates[5].Key;
        Fail(set, key, 5);

        var next = EndpointSet.Create(Endpoints(21), registry, SelectionStrategy.Random(2));

        Assert.Equal(0, CountPicks(next, 2000)[5]);
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.True(CountPicks(next, 2000)[5] > 0);
    }

    [Theory]
    [InlineData(-1, 30, 10, 50)]
    [InlineData(5, 0, 10, 50)]
    [InlineData(5, 30, 101, 50)]
    [InlineData(5, 30, 10, -1)]
    public void InvalidOptionsAreRejected(int failures, int baseSeconds, int maxPercent, int panicPercent)
    {
        var options = new OutlierDetectionOptions
        {
            ConsecutiveFailures = failures,
            BaseEjectionTime = TimeSpan.FromSeconds(baseSeconds),
            MaxEjectionPercent = maxPercent,
            PanicThresholdPercent = panicPercent,
        };

        Assert.Throws<ArgumentOutOfRangeException>(() => new EndpointStateRegistry(options));
    }
}
