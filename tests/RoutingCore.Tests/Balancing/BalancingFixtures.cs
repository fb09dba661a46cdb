using System.Net;
using Microsoft.Extensions.Time.Testing;
using RoutingCore.Balancing;

namespace RoutingCore.Tests.Balancing;

/// <summary>Shared builders and statistics for the balancing tests.</summary>
internal static class BalancingFixtures
{
    /// <summary>A fixed start so that every test's clock is the same.</summary>
    public static FakeTimeProvider Clock() => new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    /// <summary>Ready endpoints 10.0.x.y:8080, in address order.</summary>
    public static EndpointDescription[] Endpoints(int count, int port = 8080) =>
        Enumerable.Range(0, count).Select(i => new EndpointDescription(Address(i), port)).ToArray();

    /// <summary>The address of the i-th fixture endpoint.</summary>
    public static string Address(int i) => $"10.0.{i / 250}.{(i % 250) + 1}";

    /// <summary>A set of <paramref name="count"/> ready endpoints.</summary>
    public static EndpointSet Set(int count, SelectionStrategy strategy, EndpointStateRegistry? registry = null) =>
        EndpointSet.Create(Endpoints(count), registry ?? new EndpointStateRegistry(), strategy);

    /// <summary>Selects <paramref name="picks"/> times, completing each lease at once, and counts picks per candidate.</summary>
    public static int[] CountPicks(EndpointSet set, int picks, SelectionContext context = default)
    {
        var counts = new int[set.Candidates.Length];
        for (var i = 0; i < picks; i++)
        {
            counts[Select(set, context)]++;
        }

        return counts;
    }

    /// <summary>Selects once, completes with success and returns the candidate position.</summary>
    public static int Select(EndpointSet set, SelectionContext context = default)
    {
        Assert.True(set.TrySelect(in context, out var lease));
        var position = set.Candidates.IndexOf(lease.Endpoint);
        lease.Complete(EndpointOutcome.Success);
        return position;
    }

    /// <summary>Selects until <paramref name="key"/> comes up (completing the others as neutral) and returns its lease.</summary>
    public static EndpointLease LeaseOf(EndpointSet set, EndpointKey key)
    {
        for (var i = 0; i < 100_000; i++)
        {
            Assert.True(set.TrySelect(SelectionContext.None, out var lease));
            if (lease.Endpoint.Key == key)
            {
                return lease;
            }

            lease.Complete(EndpointOutcome.Neutral);
        }

        throw new InvalidOperationException($"{key} was never selected.");
    }

    /// <summary>Reports <paramref name="failures"/> failures of <paramref name="key"/> in a row.</summary>
    public static void Fail(EndpointSet set, EndpointKey key, int failures)
    {
        for (var i = 0; i < failures; i++)
        {
            var lease = LeaseOf(set, key);
            lease.Complete(EndpointOutcome.Failure);
        }
    }

    /// <summary>A client context for client number <paramref name="i"/> (192.168.x.y).</summary>
    public static SelectionContext Client(int i) =>
        SelectionContext.None.WithClientAddress(new IPAddress([192, 168, (byte)(i / 256), (byte)(i % 256)]));

    /// <summary>Pearson's chi-square statistic of observed counts against a uniform expectation.</summary>
    public static double ChiSquareUniform(int[] observed)
    {
        var expected = observed.Sum() / (double)observed.Length;
        return observed.Sum(o => (o - expected) * (o - expected) / expected);
    }

    /// <summary>
    /// The chi-square value exceeded with probability 0.001 for <paramref name="degrees"/> degrees of freedom
    /// (Wilson–Hilferty approximation, within 1 % of the tables for 9 and 99 degrees).
    /// </summary>
    public static double ChiSquareCritical001(int degrees)
    {
        const double z = 3.0902; // the standard normal quantile of 0.999
        var k = 2.0 / (9 * degrees);
        return degrees * Math.Pow(1 - k + (z * Math.Sqrt(k)), 3);
    }
}
