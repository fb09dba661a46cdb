namespace RoutingCore.Balancing;

/// <summary>
/// The live state of the endpoints of one (Service, ServicePort): in-flight counts, consecutive failures, ejections and
/// the ClientIP affinity table. Keep one registry per ServicePort for as long as the Service exists and pass it to every
/// <see cref="EndpointSet.Create"/>: endpoints that persist from one set to the next (same address and port) keep their
/// state, endpoints that disappear are forgotten.
/// </summary>
/// <remarks>
/// Ejection (passive outlier detection) follows Envoy: after <see cref="OutlierDetectionOptions.ConsecutiveFailures"/>
/// failures in a row an endpoint is ejected for the base time multiplied by how often it was ejected recently, unless
/// that would eject more than the allowed share of endpoints. The subtle point is that nothing runs on a timer:
/// ejections end lazily, when a set notices that the earliest one has expired, and the multiplier decays by the healthy
/// time measured at the next ejection. All times come from the registry's <see cref="System.TimeProvider"/>.
/// </remarks>
public sealed class EndpointStateRegistry
{
    private readonly Lock _gate = new();
    private readonly Dictionary<EndpointKey, EndpointState> _states = [];
    private readonly Stack<int> _freeIds = new();
    private readonly long _baseEjectionTicks;
    private readonly long _maxEjectionTicks;
    private readonly long _decayTicks;
    private int _nextId;
    private int _generation;
    private AffinityMap? _affinity;

    /// <summary>Bumped whenever an endpoint is ejected or returns, so that endpoint sets recompute their candidates.</summary>
    internal int HealthVersion;

    /// <summary>Creates an empty registry.</summary>
    /// <param name="options">Passive health settings; <see cref="OutlierDetectionOptions.Default"/> when null.</param>
    /// <param name="timeProvider">The clock for ejections and affinity; <see cref="TimeProvider.System"/> when null.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public EndpointStateRegistry(OutlierDetectionOptions? options = null, TimeProvider? timeProvider = null)
    {
        Options = options ?? OutlierDetectionOptions.Default;
        Options.Validate();
        TimeProvider = timeProvider ?? TimeProvider.System;
        _baseEjectionTicks = ToTimestampTicks(Options.BaseEjectionTime);
        _maxEjectionTicks = Math.Max(_baseEjectionTicks, ToTimestampTicks(Options.MaxEjectionTime));
        _decayTicks = ToTimestampTicks(Options.MultiplierDecayInterval);
    }

    /// <summary>The passive health settings.</summary>
    public OutlierDetectionOptions Options { get; }

    /// <summary>The clock every timing decision uses.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>How many endpoints the most recent <see cref="EndpointSet.Create"/> registered.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _states.Count;
            }
        }
    }

    /// <summary>Reads the live state of an endpoint the latest set contains.</summary>
    /// <param name="key">The endpoint's address and port.</param>
    /// <param name="health">The reading, when found.</param>
    /// <returns>False when the endpoint is unknown.</returns>
    public bool TryGetHealth(EndpointKey key, out EndpointHealth health)
    {
        EndpointState? state;
        lock (_gate)
        {
            _states.TryGetValue(key, out state);
        }

        if (state is null)
        {
            health = default;
            return false;
        }

        var until = Volatile.Read(ref state.EjectedUntil);
        var now = TimeProvider.GetTimestamp();
        TimeSpan? remaining = until > now ? TimeSpan.FromSeconds((until - now) / (double)TimeProvider.TimestampFrequency) : null;
        health = new EndpointHealth(
            Volatile.Read(ref state.InFlight),
            Volatile.Read(ref state.ConsecutiveFailures),
            remaining,
            Volatile.Read(ref state.Ejections),
            Volatile.Read(ref state.EjectionMultiplier));
        return true;
    }

    /// <summary>Converts a duration to <see cref="TimeProvider.GetTimestamp"/> units.</summary>
    internal long ToTimestampTicks(TimeSpan span) =>
        (long)Math.Min(long.MaxValue / 4.0, span.TotalSeconds * TimeProvider.TimestampFrequency);

    /// <summary>
    /// Returns the states of <paramref name="keys"/> (creating the missing ones) and forgets every other endpoint.
    /// Old sets keep their state objects, so leases taken from them still complete correctly.
    /// </summary>
    internal EndpointState[] Attach(ReadOnlySpan<EndpointKey> keys)
    {
        var result = new EndpointState[keys.Length];
        lock (_gate)
        {
            var generation = ++_generation;
            for (var i = 0; i < keys.Length; i++)
            {
                if (!_states.TryGetValue(keys[i], out var state))
                {
                    state = new EndpointState(this, keys[i], _freeIds.Count > 0 ? _freeIds.Pop() : _nextId++);
                    _states.Add(keys[i], state);
                }

                state.Generation = generation;
                result[i] = state;
            }

            if (_states.Count > keys.Length)
            {
                List<EndpointState>? stale = null;
                foreach (var state in _states.Values)
                {
                    if (state.Generation != generation)
                    {
                        (stale ??= []).Add(state);
                    }
                }

                foreach (var state in stale ?? [])
                {
                    _states.Remove(state.Key);
                    _freeIds.Push(state.Id);
                }
            }
        }

        return result;
    }

    /// <summary>The ClientIP affinity table of this ServicePort (AFF-3), created on first use.</summary>
    internal AffinityMap GetAffinityMap(int maxClients)
    {
        lock (_gate)
        {
            if (_affinity is null || _affinity.MaxCapacity != AffinityMap.RoundCapacity(maxClients))
            {
                _affinity = new AffinityMap(maxClients);
            }

            return _affinity;
        }
    }

    /// <summary>Called after every failure with the new consecutive count; ejects at the threshold if allowed.</summary>
    internal void ReportFailure(EndpointState state, int consecutiveFailures)
    {
        var threshold = Options.ConsecutiveFailures;
        if (threshold == 0 || consecutiveFailures < threshold || state.IsEjected)
        {
            return;
        }

        lock (_gate)
        {
            var now = TimeProvider.GetTimestamp();
            var current = Volatile.Read(ref state.EjectedUntil);
            if ((current != 0 && current > now) || state.Generation != _generation)
            {
                return; // already ejected by a racing failure, or no longer a member
            }

            // Envoy's max_ejection_percent: count live ejections by time, since sets clear expired ones lazily.
            var ejected = 0;
            foreach (var other in _states.Values)
            {
                if (Volatile.Read(ref other.EjectedUntil) > now)
                {
                    ejected++;
                }
            }

            if (ejected >= Math.Max(1, _states.Count * Options.MaxEjectionPercent / 100))
            {
                return; // refused; the next failure tries again
            }

            // The multiplier decays by one per decay interval spent healthy since the previous ejection ended.
            var multiplier = state.EjectionMultiplier;
            if (multiplier > 0 && state.LastEjectionEnd != 0 && now > state.LastEjectionEnd)
            {
                multiplier = (int)Math.Max(0, multiplier - ((now - state.LastEjectionEnd) / _decayTicks));
            }

            // Capped where the length stops growing, so the diagnostics and the arithmetic stay small.
            multiplier = (int)Math.Min(multiplier + 1L, (_maxEjectionTicks + _baseEjectionTicks - 1) / _baseEjectionTicks);
            var length = Math.Min(_maxEjectionTicks, _baseEjectionTicks * multiplier);
            var until = Math.Max(1, now + length);
            state.EjectionMultiplier = multiplier;
            state.LastEjectionEnd = until;
            state.Ejections++;
            Volatile.Write(ref state.ConsecutiveFailures, 0);
            Volatile.Write(ref state.EjectedUntil, until);
            Interlocked.Increment(ref HealthVersion);
        }
    }

    /// <summary>Ends an expired ejection (once, whichever set notices first); true when this call ended it.</summary>
    internal static bool TryEndEjection(EndpointState state, long until)
    {
        if (Interlocked.CompareExchange(ref state.EjectedUntil, 0, until) != until)
        {
            return false;
        }

        Volatile.Write(ref state.ConsecutiveFailures, 0);
        Interlocked.Increment(ref state.Registry.HealthVersion);
        return true;
    }
}
