using System.Net;
using FsCheck.Xunit;
using RoutingCore.Balancing;

namespace RoutingCore.Tests.Balancing;

/// <summary>Generated inputs against plain reference computations (fixed FsCheck seeds).</summary>
public sealed class BalancingPropertyTests
{
    [Property(MaxTest = 200, Replay = "91237,60001")]
    public bool PX_4_CandidatesMatchTheReferenceFilter(int[] raw)
    {
        // Each int encodes one listed endpoint: address (8 values), port (2) and the three nullable conditions.
        var listed = raw.Select(Decode).ToArray();
        var set = EndpointSet.Create(listed, new EndpointStateRegistry(), SelectionStrategy.Random(1));

        var unique = listed
            .GroupBy(e => e.Key)
            .Select(g => g.OrderByDescending(e => e.Category).First()) // stable: the first of the best category
            .ToArray();
        var tier = unique.Any(e => e.Category == EndpointCategory.Ready) ? EndpointCategory.Ready
            : unique.Any(e => e.Category == EndpointCategory.ServingTerminating) ? EndpointCategory.ServingTerminating
            : EndpointCategory.Unusable;
        var expected = unique
            .Where(e => tier != EndpointCategory.Unusable && e.Category == tier)
            .OrderBy(e => new Version(e.Address))
            .ThenBy(e => e.Port)
            .ToArray();

        return set.CandidateCategory == tier
            && set.Candidates.SequenceEqual(expected)
            && set.Endpoints.Length == unique.Length
            && set.TrySelect(SelectionContext.None, out var lease) == (expected.Length > 0)
            && (expected.Length == 0 || expected.Contains(lease.Endpoint));
    }

    [Property(MaxTest = 200, Replay = "4242,1337")]
    public bool WeightedScheduleGivesExactSharesEvenlySpread(int[] raw)
    {
        var weights = raw.Take(12).Select(x => 1 + Math.Abs(x % 40)).ToArray();
        if (weights.Length == 0)
        {
            return WeightedSchedule.Build(weights).Length == 0;
        }

        var gcd = weights.Aggregate(0, Gcd);
        var normalized = weights.Select(w => w / gcd).ToArray();
        var total = normalized.Sum();
        var schedule = WeightedSchedule.Build(weights);
        if (schedule.Length != total)
        {
            return false;
        }

        // After any k picks, candidate i has had k·w/T turns, give or take 1 + n·w/(2T).
        var n = weights.Length;
        var turns = new int[n];
        for (var k = 1; k <= schedule.Length; k++)
        {
            turns[schedule[k - 1]]++;
            for (var i = 0; i < n; i++)
            {
                var ideal = k * (double)normalized[i] / total;
                if (Math.Abs(turns[i] - ideal) > 1 + (n * (double)normalized[i] / (2.0 * total)) + 1e-9)
                {
                    return false;
                }
            }
        }

        return turns.SequenceEqual(normalized);
    }

    [Property(MaxTest = 40, Replay = "777,999")]
    public bool MaglevGivesEveryCandidateAnEqualShareOfSlots(byte count)
    {
        var n = 1 + (count % 60);
        var table = MaglevTable.Build(BalancingFixtures.Endpoints(n));
        var slots = new int[n];
        foreach (var position in table)
        {
            slots[position]++;
        }

        return table.Length == MaglevTable.MinSize && slots.Max() - slots.Min() <= 1;
    }

    private static EndpointDescription Decode(int x)
    {
        static bool? Condition(int bits) => (bits & 3) switch { 0 => null, 1 => true, _ => false };
        var address = IPAddress.Parse($"10.0.0.{x & 7}").ToString();
        return new EndpointDescription(address, 80 + ((x >> 3) & 1))
            .WithConditions(Condition(x >> 4), Condition(x >> 6), Condition(x >> 8));
    }

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);
}
