using RoutingCore.Balancing;
using static RoutingCore.Tests.Balancing.BalancingFixtures;

namespace RoutingCore.Tests.Balancing;

/// <summary>Uniformity of Random and RoundRobin (PX-8) and the shares of Weighted, with fixed seeds.</summary>
public sealed class DistributionTests
{
    [Theory]
    [InlineData(10, 1)]
    [InlineData(10, 7)]
    [InlineData(100, 1)]
    [InlineData(100, 7)]
    public void PX_8_RandomIsUniform(int endpoints, int seed)
    {
        var counts = CountPicks(Set(endpoints, SelectionStrategy.Random(seed)), endpoints * 1000);

        Assert.True(counts.All(c => c > 0));
        Assert.InRange(ChiSquareUniform(counts), 0, ChiSquareCritical001(endpoints - 1));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(100)]
    public void PX_8_RandomIsNotRoundRobin(int endpoints)
    {
        // Uniform counts alone would also be met by a cycle; independent picks repeat an endpoint back to back
        // with probability 1/n, a cycle never does.
        var set = Set(endpoints, SelectionStrategy.Random(3));
        var repeats = 0;
        var previous = Select(set);
        for (var i = 0; i < endpoints * 1000; i++)
        {
            var current = Select(set);
            repeats += current == previous ? 1 : 0;
            previous = current;
        }

        Assert.InRange(repeats, 1000 * 0.8, 1000 * 1.2);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(100)]
    public void PX_8_RoundRobinIsUniform(int endpoints)
    {
        var counts = CountPicks(Set(endpoints, SelectionStrategy.RoundRobin(5)), (endpoints * 1000) + 3);

        Assert.InRange(ChiSquareUniform(counts), 0, ChiSquareCritical001(endpoints - 1));
        Assert.InRange(counts.Max() - counts.Min(), 0, 1);
    }

    [Fact]
    public void PX_8_RoundRobinTakesTheStableOrder()
    {
        // Listed out of order: the set orders 10.0.0.9 before 10.0.0.10 (numeric), and round robin follows that order.
        var endpoints = new[] { "10.0.0.10", "10.0.0.9", "10.0.0.100", "10.0.0.2" }.Select(a => new EndpointDescription(a, 80));
        var set = EndpointSet.Create(endpoints, new EndpointStateRegistry(), SelectionStrategy.RoundRobin(11));
        Assert.Equal(["10.0.0.2", "10.0.0.9", "10.0.0.10", "10.0.0.100"], set.Candidates.Select(e => e.Address));

        var first = Select(set);
        var sequence = Enumerable.Range(0, 8).Select(_ => Select(set)).ToArray();

        Assert.Equal(Enumerable.Range(1, 8).Select(i => (first + i) % 4), sequence);
    }

    [Theory]
    [InlineData(new[] { 1, 2, 3, 4, 10 })]
    [InlineData(new[] { 5, 1, 1 })]
    [InlineData(new[] { 100, 1, 37, 250, 3, 3, 8 })]
    [InlineData(new[] { 1, 1, 1, 1 })]
    public void WeightedSharesWithinFivePercentOverTenThousandPicks(int[] weights)
    {
        var endpoints = Endpoints(weights.Length).Select((e, i) => e with { Weight = weights[i] });
        var set = EndpointSet.Create(endpoints, new EndpointStateRegistry(), SelectionStrategy.Weighted(2));

        var counts = CountPicks(set, 10_000);

        var total = weights.Sum();
        for (var i = 0; i < weights.Length; i++)
        {
            var expected = 10_000.0 * weights[i] / total;
            Assert.InRange(counts[i], expected * 0.95, expected * 1.05);
        }
    }

    [Fact]
    public void WeightedIsSmoothNotBursty()
    {
        // nginx's example weights: the heavy endpoint never takes more than three turns in a row, even across the
        // boundary between periods, and the light ones are apart.
        var schedule = WeightedSchedule.Build([5, 1, 1]);

        Assert.Equal([0, 0, 0, 1, 0, 0, 2], schedule);
    }

    [Fact]
    public void WeightedScalesHugeTotalsKeepingShares()
    {
        var weights = new[] { EndpointDescription.MaxWeight, EndpointDescription.MaxWeight - 1, 3 };
        var schedule = WeightedSchedule.Build(weights);

        Assert.InRange(schedule.Length, 1, WeightedSchedule.MaxLength + weights.Length);
        Assert.InRange(schedule.Count(p => p == 0) / (double)schedule.Length, 0.4999, 0.5001);
        Assert.Contains(2, schedule); // a tiny weight still gets a turn
    }

    [Fact]
    public void WeightsAreIgnoredByOtherStrategies()
    {
        var endpoints = Endpoints(4).Select((e, i) => e with { Weight = i == 0 ? 100 : 1 });
        var set = EndpointSet.Create(endpoints, new EndpointStateRegistry(), SelectionStrategy.RoundRobin(1));

        Assert.Equal([250, 250, 250, 250], CountPicks(set, 1000));
    }
}
