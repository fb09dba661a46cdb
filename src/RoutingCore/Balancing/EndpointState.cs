namespace RoutingCore.Balancing;

/// <summary>
/// Live counters of one endpoint, owned by an <see cref="EndpointStateRegistry"/> and shared by every endpoint set built
/// from it, so they survive snapshot swaps. Selection reads <see cref="InFlight"/> and <see cref="EjectedUntil"/>;
/// completions write them with <see cref="Interlocked"/> and never take a lock, except for the rare ejection decision.
/// </summary>
internal sealed class EndpointState
{
    // Mutable fields are public fields, not properties, so callers can pass them by ref to Interlocked/Volatile.
    /// <summary>Requests or connections selected and not yet completed.</summary>
    public int InFlight;

    /// <summary>Failures since the last success or ejection.</summary>
    public int ConsecutiveFailures;

    /// <summary>Timestamp (<see cref="TimeProvider.GetTimestamp"/>) the current ejection ends; 0 when not ejected.</summary>
    public long EjectedUntil;

    /// <summary>The end of the most recent ejection, kept after it is over to decay <see cref="EjectionMultiplier"/>.</summary>
    public long LastEjectionEnd;

    /// <summary>How many base ejection times the next-but-one ejection lasts; grows with repeats, decays with health.</summary>
    public int EjectionMultiplier;

    /// <summary>Total ejections of this endpoint, for diagnostics.</summary>
    public int Ejections;

    /// <summary>The registry generation that last contained this endpoint; older means pruned.</summary>
    public int Generation;

    /// <summary>Creates the state of <paramref name="key"/> with a small dense id.</summary>
    public EndpointState(EndpointStateRegistry registry, EndpointKey key, int id)
    {
        Registry = registry;
        Key = key;
        Id = id;
    }

    /// <summary>The owner; completions report failures to it.</summary>
    public EndpointStateRegistry Registry { get; }

    /// <summary>The endpoint's identity.</summary>
    public EndpointKey Key { get; }

    /// <summary>A registry-unique id, reused after the state is pruned; sets map it to a position.</summary>
    public int Id { get; }

    /// <summary>Whether an ejection is recorded (cleared lazily once it expires).</summary>
    public bool IsEjected => Volatile.Read(ref EjectedUntil) != 0;

    /// <summary>Ends a selection: one fewer in flight, and passive health learns the outcome.</summary>
    public void Complete(EndpointOutcome outcome)
    {
        Interlocked.Decrement(ref InFlight);
        if (outcome == EndpointOutcome.Success)
        {
            // PERF: read before write, so a healthy endpoint's cache line is not dirtied on every success.
            if (Volatile.Read(ref ConsecutiveFailures) != 0)
            {
                Volatile.Write(ref ConsecutiveFailures, 0);
            }
        }
        else if (outcome == EndpointOutcome.Failure)
        {
            Registry.ReportFailure(this, Interlocked.Increment(ref ConsecutiveFailures));
        }
    }
}
