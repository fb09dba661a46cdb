namespace RoutingCore.Balancing;

/// <summary>
/// Thread-safe, allocation-free random numbers for the strategies, in one of two modes. Unseeded (production): each
/// thread runs its own SplitMix64 stream, seeded once per thread without allocating, so threads never share a cache line.
/// Seeded (tests, reproducible runs): one SplitMix64 counter advanced with <see cref="Interlocked.Add(ref long, long)"/>,
/// so a single-threaded caller sees the same sequence on every run and concurrent callers still get distinct values.
/// SplitMix64 is a counter passed through a bijective mixer, which is why a shared atomic counter is enough.
/// </summary>
internal sealed class RandomSource
{
    // One draw from Random.Shared for the process; threads derive their streams from it and a thread counter, because
    // Random.Shared itself would allocate its generator on the first use by every new thread.
    private static readonly ulong s_processSeed = (ulong)Random.Shared.NextInt64();
    private static long s_threads;

    [ThreadStatic]
    private static ulong t_state;

    private readonly bool _seeded;
    private long _state;

    private RandomSource(int? seed)
    {
        _seeded = seed is not null;
        _state = (long)StableHash.Mix((ulong)(seed ?? 0));
    }

    /// <summary>A seeded (deterministic) source, or the per-thread one when <paramref name="seed"/> is null.</summary>
    public static RandomSource Create(int? seed) => new(seed);

    /// <summary>The next 64 random bits.</summary>
    public ulong Next()
    {
        if (_seeded)
        {
            return StableHash.Mix((ulong)Interlocked.Add(ref _state, unchecked((long)StableHash.Golden)));
        }

        var s = t_state;
        if (s == 0)
        {
            s = StableHash.Mix(s_processSeed + ((ulong)Interlocked.Increment(ref s_threads) * StableHash.Golden)) | 1;
        }

        s += StableHash.Golden;
        t_state = s;
        return StableHash.Mix(s);
    }

    /// <summary>A uniform integer in 0..<paramref name="range"/>-1 (bias below 2^-32 for ranges under 2^31).</summary>
    public int Next(int range) => StableHash.Reduce(Next(), range);
}
