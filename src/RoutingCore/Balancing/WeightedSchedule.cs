namespace RoutingCore.Balancing;

/// <summary>
/// Builds one period of a smooth weighted round robin: a sequence of candidate positions in which a candidate of weight
/// w appears exactly w times out of the total T, its turns evenly spaced T/w apart. It is an earliest-deadline-first
/// merge of one evenly spaced sequence per candidate: candidate i (of n) has deadlines (j + θᵢ)/wᵢ for j = 0..wᵢ-1, with
/// phase θᵢ = (i + ½)/n. That gives the guarantees of nginx's smooth weighted round robin (exact shares per period, no
/// bursts: after any k picks a candidate has had k·w/T turns within 1 + n·w/(2T)), is built in O(T log n) with a heap
/// instead of nginx's O(T·n), and with equal weights it is plain round robin in the stable order. The subtle point is
/// the phase: giving every candidate the same phase would line their deadlines up and bunch a heavy candidate's turns
/// at the period boundary (5,1,1 would give a a a b c a a, five a's in a row across periods; this gives a a a b a a c).
/// Deadlines are compared as exact fractions (cross-multiplied longs), ties go to the lower position, weights are first
/// divided by their gcd, and a total above <see cref="MaxLength"/> is scaled down proportionally (each weight stays ≥ 1).
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

        // Deadline (j + (i + ½)/n)/w scaled by 2n: numerator 2(j·n + i) + 1 over w, advancing by 2n per turn.
        var n = normalized.Length;
        var queue = new PriorityQueue<int, Deadline>(n, DeadlineOrder.Instance);
        for (var p = 0; p < n; p++)
        {
            queue.Enqueue(p, new Deadline((2L * p) + 1, normalized[p], p));
        }

        var schedule = new int[total];
        for (var i = 0; i < schedule.Length; i++)
        {
            queue.TryDequeue(out var position, out var deadline);
            schedule[i] = position;
            queue.Enqueue(position, deadline with { Numerator = deadline.Numerator + (2L * n) });
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

    /// <summary>A candidate's next deadline, Numerator / (2n · Weight).</summary>
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
