namespace RoutingCore.Balancing;

/// <summary>
/// Which of a set's candidates may be chosen now, given ejections: every candidate when none is ejected or in panic,
/// otherwise the un-ejected ones. Immutable; a set replaces it when the registry's health version moves or the
/// earliest ejection expires, so the steady state costs one integer comparison per selection and no allocation.
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
