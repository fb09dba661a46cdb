namespace RoutingCore.Balancing;

/// <summary>
/// Builds one period of a smooth weighted round robin: a sequence of candidate positions in which a candidate of weight
/// w appears w times out of the total T, spread evenly. The order is that of earliest deadline first with deadlines at
/// the midpoints (2k+1)/(2w) of each candidate's k-th share (the Sainte-Laguë order), which gives the same shares per
/// period and the same evenness as nginx's smooth weighted round robin, but is built in O(T log n) with a heap instead of
/// O(T n). Subtle points: deadlines are compared as exact fractions (cross-multiplied longs), ties go to the lower
/// position so the schedule is deterministic, weights are first divided by their gcd, and a total above
/// <see cref="MaxLength"/> is scaled down proportionally (each weight stays at least 1).
/// </summary>
internal static class WeightedSchedule
{
    /// <summary>The longest schedule built; larger totals are scaled (4 MB of positions at most).</summary>
    public const int MaxLength = 1 << 20;

    /// <summary>Builds the schedule for candidates with the given weights (each at least 1).</summary>
    public static int[] Build(ReadOnlySpan<int> weights)
    {
        if (weights.IsEmpty)
        {
            return [];
        }

        var normalized = Normalize(weights);
        long total = 0;
        foreach (var w in normalized)
        {
            total += w;
        }

        var queue = new PriorityQueue<int, Deadline>(normalized.Length, DeadlineOrder.Instance);
        for (var p = 0; p < normalized.Length; p++)
        {
            queue.Enqueue(p, new Deadline(1, normalized[p], p));
        }

        var schedule = new int[total];
        for (var i = 0; i < schedule.Length; i++)
        {
            queue.TryDequeue(out var position, out var deadline);
            schedule[i] = position;
            queue.Enqueue(position, deadline with { Numerator = deadline.Numerator + 2 });
        }

        return schedule;
    }

    private static int[] Normalize(ReadOnlySpan<int> weights)
    {
        var gcd = 0;
        long total = 0;
        foreach (var w in weights)
        {
            gcd = Gcd(gcd, w);
            total += w;
        }

        var result = new int[weights.Length];
        var scale = total / gcd > MaxLength ? MaxLength / (double)total : 1.0 / gcd;
        for (var i = 0; i < weights.Length; i++)
        {
            result[i] = Math.Max(1, (int)Math.Round(weights[i] * scale));
        }

        return result;
    }

    private static int Gcd(int a, int b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }

    /// <summary>The deadline Numerator / (2 Weight) of a candidate's next share.</summary>
    private readonly record struct Deadline(long Numerator, long Weight, int Position);

    private sealed class DeadlineOrder : IComparer<Deadline>
    {
        public static DeadlineOrder Instance { get; } = new();

        public int Compare(Deadline x, Deadline y)
        {
            var byTime = (x.Numerator * y.Weight).CompareTo(y.Numerator * x.Weight);
            return byTime != 0 ? byTime : x.Position.CompareTo(y.Position);
        }
    }
}
