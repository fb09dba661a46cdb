namespace RoutingCore.Balancing;

/// <summary>
/// Maglev consistent hashing (Eisenbud et al., NSDI 2016): a lookup table of prime size M in which every candidate owns
/// M/n slots (±1), filled by letting the candidates take turns claiming the next free slot of their own permutation
/// <c>(offset + j·skip) mod M</c>. A key's endpoint is <c>table[key mod M]</c>, O(1). When one candidate is added or
/// removed, each other candidate keeps most of its slots, so about 1/n of the keys move. Subtle points: offset and skip
/// come from a process-independent hash of the address and port, and candidates are filled in their stable order, so
/// every proxy with the same endpoints builds the same table; M must not follow n closely (a new M reshuffles every
/// key), so it comes in coarse tiers of at least 100 slots per candidate (65537 up to 655 candidates, as Envoy).
/// </summary>
internal static class MaglevTable
{
    /// <summary>The smallest table size (Envoy's default).</summary>
    public const int MinSize = 65537;

    private const ulong OffsetSalt = 0x6F66667365740001UL;
    private const ulong SkipSalt = 0x736B697000000002UL;

    /// <summary>The table size for <paramref name="count"/> candidates: the first tier with 100 slots per candidate.</summary>
    public static int SizeFor(int count)
    {
        long size = MinSize;
        while (size < 100L * count)
        {
            size = NextPrime(size * 10);
        }

        return (int)size;
    }

    /// <summary>Builds the table: slot → candidate position. Empty when there are no candidates.</summary>
    public static int[] Build(ReadOnlySpan<EndpointDescription> candidates)
    {
        var n = candidates.Length;
        if (n == 0)
        {
            return [];
        }

        var m = SizeFor(n);
        var skip = new int[n];
        var cursor = new int[n];
        for (var i = 0; i < n; i++)
        {
            var key = candidates[i].Key;
            cursor[i] = (int)(StableHash.Of(key, OffsetSalt) % (ulong)m);
            skip[i] = (int)(StableHash.Of(key, SkipSalt) % (ulong)(m - 1)) + 1;
        }

        var table = new int[m];
        Array.Fill(table, -1);
        var filled = 0;
        while (true)
        {
            for (var i = 0; i < n; i++)
            {
                // Walk candidate i's permutation to its next unclaimed slot; m is prime, so the walk visits every slot.
                var slot = cursor[i];
                while (table[slot] >= 0)
                {
                    slot = Advance(slot, skip[i], m);
                }

                table[slot] = i;
                cursor[i] = Advance(slot, skip[i], m);
                if (++filled == m)
                {
                    return table;
                }
            }
        }
    }

    private static int Advance(int slot, int skip, int m)
    {
        var next = (long)slot + skip;
        return (int)(next >= m ? next - m : next);
    }

    private static long NextPrime(long value)
    {
        for (var candidate = value | 1; ; candidate += 2)
        {
            var prime = true;
            for (long d = 3; d * d <= candidate; d += 2)
            {
                if (candidate % d == 0)
                {
                    prime = false;
                    break;
                }
            }

            if (prime)
            {
                return candidate;
            }
        }
    }
}
