namespace RoutingCore.Balancing;

/// <summary>
/// Service <c>sessionAffinity: ClientIP</c> (AFF-1..AFF-3). A client with a live entry in the ServicePort's
/// <see cref="AffinityMap"/> goes back to its endpoint while that endpoint is still a choosable candidate of this set;
/// otherwise the fallback strategy picks and the choice is recorded. Subtle points: "live" means seen within the timeout
/// of the previous selection, and every selection restarts the timer (AFF-1); the entry names the endpoint by its live
/// state object, which persists across sets, so affinity survives endpoint changes that keep the endpoint (AFF-2 only
/// re-picks once it leaves the usable set); the table belongs to the registry, one per ServicePort (AFF-3).
/// </summary>
internal sealed class ClientIPAffinityStrategy : SelectionStrategy
{
    /// <summary>AFF-2: the largest <c>timeoutSeconds</c>.</summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromSeconds(86400);

    private readonly SelectionStrategy _fallback;
    private readonly int _maxClients;

    /// <summary>Creates the strategy.</summary>
    public ClientIPAffinityStrategy(TimeSpan timeout, SelectionStrategy fallback, int maxClients)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.FromSeconds(1));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(timeout, MaxTimeout);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxClients, 1);
        if (fallback is ClientIPAffinityStrategy)
        {
            throw new ArgumentException("The fallback of ClientIP affinity must pick without affinity.", nameof(fallback));
        }

        Timeout = timeout;
        _fallback = fallback;
        _maxClients = maxClients;
    }

    /// <summary>The affinity timeout.</summary>
    public TimeSpan Timeout { get; }

    /// <inheritdoc />
    public override string Name => "ClientIP";

    /// <inheritdoc />
    internal override EndpointPicker Compile(EndpointSet set)
    {
        var registry = set.Registry;
        var timeout = registry.ToTimestampTicks(Timeout);

        // PERF: a returning client's timestamp is rewritten at most once per touch interval (1/100 of the timeout,
        // at most 1 s), so clients returning often do not write a shared cache line on every connection.
        var touch = Math.Min(timeout / 100, registry.ToTimestampTicks(TimeSpan.FromSeconds(1)));
        return new Picker(set, _fallback.Compile(set), registry.GetAffinityMap(_maxClients), registry.TimeProvider, timeout, touch);
    }

    private sealed class Picker(EndpointSet set, EndpointPicker fallback, AffinityMap map, TimeProvider time, long timeout, long touch)
        : EndpointPicker
    {
        public override int Pick(in SelectionContext context, HealthView view)
        {
            if (!context.HasClientAddress)
            {
                return fallback.Pick(in context, view);
            }

            var client = context.ClientAddress;
            var now = time.GetTimestamp();
            var entry = map.Find(client);
            if (entry is not null)
            {
                var seen = Volatile.Read(ref entry.LastSeen);
                if (now - seen <= timeout && set.PositionOf(entry.Target) is var position and >= 0 && view.IsUsable(entry.Target))
                {
                    if (now - seen >= touch)
                    {
                        Volatile.Write(ref entry.LastSeen, now);
                    }

                    return position;
                }
            }

            var chosen = fallback.Pick(in context, view);
            map.Record(client, set.CandidateStates[chosen], now, timeout);
            return chosen;
        }
    }
}
