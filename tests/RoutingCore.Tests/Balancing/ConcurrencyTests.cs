using System.Collections.Concurrent;
using RoutingCore.Balancing;
using static RoutingCore.Tests.Balancing.BalancingFixtures;

namespace RoutingCore.Tests.Balancing;

/// <summary>Many threads selecting while snapshots swap and endpoints are ejected: every in-flight count returns to 0.</summary>
public sealed class ConcurrencyTests
{
    public static TheoryData<string> Strategies() =>
        ["Random", "RoundRobin", "LeastRequests", "PowerOfTwoChoices", "Weighted", "ClientIP", "ConsistentHash"];

    private static SelectionStrategy Strategy(string name) => name switch
    {
        "Random" => SelectionStrategy.Random(),
        "RoundRobin" => SelectionStrategy.RoundRobin(),
        "LeastRequests" => SelectionStrategy.LeastRequests(),
        "PowerOfTwoChoices" => SelectionStrategy.PowerOfTwoChoices(),
        "Weighted" => SelectionStrategy.Weighted(),
        "ClientIP" => SelectionStrategy.ClientIPAffinity(TimeSpan.FromSeconds(5), maxClients: 128),
        "ConsistentHash" => SelectionStrategy.ConsistentHash(),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Strategies))]
    public void InFlightCountsReturnToZero(string name)
    {
        const int threads = 4;
        const int selectionsPerThread = 20_000;
        var clock = Clock();
        var registry = new EndpointStateRegistry(OutlierDetectionOptions.Default with { ConsecutiveFailures = 3, MaxEjectionPercent = 50 }, clock);
        var strategy = Strategy(name);
        var all = Endpoints(40).Select((e, i) => e with { Weight = 1 + (i % 5) }).ToArray();
        var current = EndpointSet.Create(all.Take(30), registry, strategy);
        var everySet = new ConcurrentBag<EndpointSet> { current };
        var running = threads;

        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            var random = new Random(t);
            var held = new Queue<EndpointLease>();
            for (var i = 0; i < selectionsPerThread; i++)
            {
                var context = SelectionContext.None.WithClientAddress([10, 9, 0, (byte)random.Next(200)]).WithHashKey(BitConverter.GetBytes(i));
                if (Volatile.Read(ref current).TrySelect(in context, out var lease))
                {
                    held.Enqueue(lease);
                }

                // Keep a few requests open across swaps; complete the oldest with a mix of outcomes.
                while (held.Count > 3)
                {
                    var oldest = held.Dequeue();
                    oldest.Complete((EndpointOutcome)random.Next(3));
                }
            }

            while (held.TryDequeue(out var lease))
            {
                lease.Complete(EndpointOutcome.Success);
            }

            Interlocked.Decrement(ref running);
        })).ToArray();

        foreach (var worker in workers)
        {
            worker.Start();
        }

        // Meanwhile: swap snapshots with churning membership and conditions, and move the clock.
        var swaps = 0;
        while (Volatile.Read(ref running) > 0)
        {
            swaps++;
            var members = all.Skip(swaps % 10).Take(30).Select((e, i) => (i + swaps) % 7 == 0 ? e.WithConditions(false, true, true) : e);
            var next = EndpointSet.Create(members, registry, strategy);
            everySet.Add(next);
            Volatile.Write(ref current, next);
            clock.Advance(TimeSpan.FromSeconds(7));
            Thread.Yield();
        }

        foreach (var worker in workers)
        {
            worker.Join();
        }

        var states = everySet.SelectMany(s => s.CandidateStates).Distinct().ToArray();
        Assert.True(states.Length >= 30);
        Assert.All(states, s => Assert.Equal(0, Volatile.Read(ref s.InFlight)));
        Assert.True(states.Sum(s => s.Ejections) > 0); // ejections did happen concurrently
    }
}
