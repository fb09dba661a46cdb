using RoutingCore.Balancing;
using static RoutingCore.Tests.Balancing.BalancingFixtures;

namespace RoutingCore.Tests.Balancing;

/// <summary>PowerOfTwoChoices and LeastRequests steer by requests in flight.</summary>
public sealed class LoadAwareTests
{
    /// <summary>
    /// A discrete-time simulation: 8 requests arrive per tick; endpoint 0 takes 20 ticks per request, the others 1.
    /// Returns the share of requests endpoint 0 received.
    /// </summary>
    private static double SlowEndpointShare(SelectionStrategy strategy)
    {
        var set = Set(10, strategy);
        var pending = new List<(int Due, EndpointLease Lease)>();
        var toSlow = 0;
        var total = 0;
        for (var tick = 0; tick < 3000; tick++)
        {
            for (var i = pending.Count - 1; i >= 0; i--)
            {
                if (pending[i].Due <= tick)
                {
                    var lease = pending[i].Lease;
                    lease.Complete(EndpointOutcome.Success);
                    pending.RemoveAt(i);
                }
            }

            for (var r = 0; r < 8; r++)
            {
                Assert.True(set.TrySelect(SelectionContext.None, out var lease));
                var slow = lease.Endpoint.Address == Address(0);
                toSlow += slow ? 1 : 0;
                total++;
                pending.Add((tick + (slow ? 20 : 1), lease));
            }
        }

        return toSlow / (double)total;
    }

    [Fact]
    public void PowerOfTwoChoicesShiftsLoadAwayFromASlowEndpoint()
    {
        var random = SlowEndpointShare(SelectionStrategy.Random(9));
        var p2c = SlowEndpointShare(SelectionStrategy.PowerOfTwoChoices(9));

        Assert.InRange(random, 0.09, 0.11); // blind to load: its 1/10
        Assert.InRange(p2c, 0.0, 0.04);    // the slow endpoint only wins pairs when its queue is short
    }

    [Fact]
    public void LeastRequestsShiftsLoadAwayFromASlowEndpoint()
    {
        Assert.InRange(SlowEndpointShare(SelectionStrategy.LeastRequests(9)), 0.0, 0.03);
    }

    [Fact]
    public void LeastRequestsPicksTheLeastLoaded()
    {
        var set = Set(5, SelectionStrategy.LeastRequests(3));
        var held = new List<EndpointLease>();
        foreach (var (endpoint, load) in set.Candidates.Zip(new[] { 3, 1, 2, 4, 2 }))
        {
            for (var i = 0; i < load; i++)
            {
                held.Add(LeaseOf(SetOf(set), endpoint.Key));
            }
        }

        Assert.Equal(1, Select(set));
        foreach (var lease in held)
        {
            var l = lease;
            l.Complete(EndpointOutcome.Neutral);
        }
    }

    [Fact]
    public void LeastRequestsBreaksTiesEvenly()
    {
        // All idle: the random start spreads picks rather than always taking the first endpoint.
        var counts = CountPicks(Set(10, SelectionStrategy.LeastRequests(5)), 10_000);

        Assert.InRange(ChiSquareUniform(counts), 0, ChiSquareCritical001(9));
    }

    [Fact]
    public void PowerOfTwoChoicesNeverPicksTheBusierOfTwo()
    {
        // With two endpoints both are always drawn, so a busier one is never chosen.
        var set = Set(2, SelectionStrategy.PowerOfTwoChoices(8));
        Assert.True(set.TrySelect(SelectionContext.None, out var busy));

        var counts = CountPicks(set, 100);

        Assert.Equal(0, counts[set.Candidates.IndexOf(busy.Endpoint)]);
        busy.Complete(EndpointOutcome.Success);
    }

    // A round-robin view of the same candidates and live state, to place leases on chosen endpoints.
    private static EndpointSet SetOf(EndpointSet set) => EndpointSet.Create(set.Endpoints, set.Registry, SelectionStrategy.RoundRobin(1));
}
