namespace RoutingCore.Balancing;

/// <summary>
/// Which of a set's candidates may be chosen now, given ejections: every candidate when none is ejected or in panic,
/// otherwise the un-ejected ones. Immutable; a set replaces it when the registry's health version moves or the
/// earliest ejection expires, so the steady state costs one integer comparison per selection and no allocation.
/// The subtle point is that ejections end lazily here, not on a timer: the first set to compute a view after an
/// ejection's end clears it and bumps the version, and then scans again so that its view is not older than its scan.
/// </summary>
internal sealed class HealthView
{
    /// <summary>The view of a set nothing is ejected from.</summary>
    public HealthView(int version, int count)
        : this(version, count, null, panic: false, ejected: 0, nextExpiry: long.MaxValue)
    {
    }

    /// <summary>Creates a view.</summary>
    public HealthView(int version, int count, int[]? positions, bool panic, int ejected, long nextExpiry)
    {
        Version = version;
        Count = count;
        Positions = positions;
        Panic = panic;
        HasEjected = ejected > 0;
        NextExpiry = nextExpiry;
    }

    /// <summary>
    /// Computes the view of <paramref name="states"/>: ends the ejections that have expired (whichever set notices
    /// first), then lists the un-ejected candidates, or all of them when fewer than the panic threshold remain.
    /// </summary>
    public static HealthView Compute(EndpointState[] states, EndpointStateRegistry registry)
    {
        while (true)
        {
            var version = Volatile.Read(ref registry.HealthVersion);
            var now = 0L;
            var clockRead = false;
            var ended = false;
            var ejected = 0;
            var nextExpiry = long.MaxValue;
            foreach (var state in states)
            {
                var until = Volatile.Read(ref state.EjectedUntil);
                if (until == 0)
                {
                    continue;
                }

                if (!clockRead)
                {
                    now = registry.TimeProvider.GetTimestamp();
                    clockRead = true;
                }

                if (until <= now)
                {
                    ended |= EndpointStateRegistry.TryEndEjection(state, until);
                }
                else
                {
                    ejected++;
                    nextExpiry = Math.Min(nextExpiry, until);
                }
            }

            if (ended)
            {
                continue; // ending an ejection moved the version: scan again so the view's version covers the scan
            }

            return ejected == 0 ? new HealthView(version, states.Length) : Degraded(states, registry, version, ejected, now, nextExpiry);
        }
    }

    private static HealthView Degraded(EndpointState[] states, EndpointStateRegistry registry, int version, int ejected, long now, long nextExpiry)
    {
        var healthy = states.Length - ejected;
        if ((long)healthy * 100 < (long)registry.Options.PanicThresholdPercent * states.Length)
        {
            return new HealthView(version, states.Length, null, panic: true, ejected, nextExpiry);
        }

        var positions = new int[states.Length];
        var count = 0;
        for (var p = 0; p < states.Length; p++)
        {
            if (Volatile.Read(ref states[p].EjectedUntil) is var until && (until == 0 || until <= now))
            {
                positions[count++] = p;
            }
        }

        if (count == 0)
        {
            return new HealthView(version, states.Length, null, panic: true, ejected, nextExpiry); // all ejected meanwhile
        }

        Array.Resize(ref positions, count);
        return new HealthView(version, count, positions, panic: false, ejected, nextExpiry);
    }

    /// <summary>The registry health version this view reflects.</summary>
    public int Version { get; }

    /// <summary>How many candidates may be chosen.</summary>
    public int Count { get; }

    /// <summary>Candidate positions that may be chosen, or null when all of them may.</summary>
    public int[]? Positions { get; }

    /// <summary>Too few candidates are healthy, so ejections are ignored.</summary>
    public bool Panic { get; }

    /// <summary>Some candidate is ejected, so selections must watch the clock for <see cref="NextExpiry"/>.</summary>
    public bool HasEjected { get; }

    /// <summary>The timestamp the earliest current ejection ends.</summary>
    public long NextExpiry { get; }

    /// <summary>The candidate position of the <paramref name="index"/>-th choosable candidate.</summary>
    public int PositionAt(int index) => Positions is null ? index : Positions[index];

    /// <summary>
    /// Whether a candidate may be chosen, for strategies whose precomputed structures cover every candidate (schedule,
    /// hash table, affinity) and skip ejected ones instead of using <see cref="Positions"/>.
    /// </summary>
    public bool IsUsable(EndpointState state) => Panic || !state.IsEjected;
}
