using System.Numerics;

namespace RoutingCore.Balancing;

/// <summary>
/// The ClientIP affinity table of one ServicePort: client address → (endpoint, last seen), bounded and expired by time.
/// An open-addressing array of immutable entries probed over a fixed window of <see cref="ProbeWindow"/> slots from the
/// client's hash. Reads take no lock; a new or re-pointed client publishes a new entry with one compare-and-swap into
/// an empty, expired or matching slot, or, when the window is full of live clients, the least recently seen one's.
/// Subtle points: a returning client only updates its entry's timestamp (no allocation, and at most once per
/// <c>touch</c> granularity so hot clients do not keep dirtying the cache line); the array starts small and doubles
/// under a lock up to <see cref="MaxCapacity"/>, and an entry written to the old array during that copy is lost, which
/// costs that client one re-pick; two first connections of one client racing may pick twice, as kube-proxy's may.
/// </summary>
internal sealed class AffinityMap
{
    /// <summary>Slots examined per lookup or insertion.</summary>
    public const int ProbeWindow = 8;

    private const int InitialCapacity = 64;

    private readonly Lock _growLock = new();
    private Entry?[] _slots;

    /// <summary>Creates an empty map remembering at most <paramref name="maxClients"/> clients (rounded up to a power of two).</summary>
    public AffinityMap(int maxClients)
    {
        MaxCapacity = RoundCapacity(maxClients);
        _slots = new Entry?[Math.Min(InitialCapacity, MaxCapacity)];
    }

    /// <summary>The capacity the table may grow to.</summary>
    public int MaxCapacity { get; }

    /// <summary>The current capacity (for tests).</summary>
    public int Capacity => Volatile.Read(ref _slots).Length;

    /// <summary>The power-of-two capacity used for a requested bound.</summary>
    public static int RoundCapacity(int maxClients) => (int)BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(maxClients, ProbeWindow, 1 << 30));

    /// <summary>The entry of <paramref name="client"/>, expired or not; null when none is remembered.</summary>
    public Entry? Find(UInt128 client)
    {
        var slots = Volatile.Read(ref _slots);
        var mask = slots.Length - 1;
        var home = Home(client);
        for (var i = 0; i < ProbeWindow; i++)
        {
            var entry = Volatile.Read(ref slots[(home + i) & mask]);
            if (entry is not null && entry.Client == client)
            {
                return entry;
            }
        }

        return null;
    }

    /// <summary>Remembers that <paramref name="client"/> now goes to <paramref name="target"/>, seen at <paramref name="now"/>.</summary>
    public void Record(UInt128 client, EndpointState target, long now, long timeout)
    {
        while (true)
        {
            var slots = Volatile.Read(ref _slots);
            var mask = slots.Length - 1;
            var home = Home(client);
            int match = -1, free = -1, oldest = -1;
            var oldestSeen = long.MaxValue;
            for (var i = 0; i < ProbeWindow; i++)
            {
                var index = (home + i) & mask;
                var entry = Volatile.Read(ref slots[index]);
                if (entry is null || now - Volatile.Read(ref entry.LastSeen) > timeout)
                {
                    free = free < 0 ? index : free;
                }
                else if (entry.Client == client)
                {
                    match = index;
                    break;
                }
                else if (Volatile.Read(ref entry.LastSeen) < oldestSeen)
                {
                    oldest = index;
                    oldestSeen = Volatile.Read(ref entry.LastSeen);
                }
            }

            if (match < 0 && free < 0 && slots.Length < MaxCapacity)
            {
                Grow(slots, now, timeout);
                continue;
            }

            var chosen = match >= 0 ? match : free >= 0 ? free : oldest;
            var observed = Volatile.Read(ref slots[chosen]);
            if (Interlocked.CompareExchange(ref slots[chosen], new Entry(client, target, now), observed) == observed)
            {
                return;
            }
        }
    }

    private static int Home(UInt128 client) => (int)StableHash.Of(client);

    private void Grow(Entry?[] current, long now, long timeout)
    {
        lock (_growLock)
        {
            if (!ReferenceEquals(Volatile.Read(ref _slots), current))
            {
                return; // another thread grew it
            }

            var larger = new Entry?[current.Length * 2];
            var mask = larger.Length - 1;
            foreach (var entry in current)
            {
                if (entry is null || now - Volatile.Read(ref entry.LastSeen) > timeout)
                {
                    continue;
                }

                var home = Home(entry.Client);
                for (var i = 0; i < ProbeWindow; i++)
                {
                    if (larger[(home + i) & mask] is null)
                    {
                        larger[(home + i) & mask] = entry;
                        break;
                    }
                }
            }

            Volatile.Write(ref _slots, larger);
        }
    }

    /// <summary>One remembered client. Immutable but for the last-seen time.</summary>
    internal sealed class Entry(UInt128 client, EndpointState target, long lastSeen)
    {
        /// <summary>The last time (timestamp) the client was sent to <see cref="Target"/>.</summary>
        public long LastSeen = lastSeen;

        /// <summary>The client address.</summary>
        public UInt128 Client { get; } = client;

        /// <summary>The endpoint's live state, which identifies it across endpoint sets.</summary>
        public EndpointState Target { get; } = target;
    }
}
