using System.Numerics;

namespace RoutingCore.Allocation;

/// <summary>
/// A fixed-size set of small integers stored one bit each (2^20 members take 128 KiB), the storage of the ClusterIP,
/// NodePort and pod IP allocators. Setting and clearing never allocate.
/// </summary>
/// <remarks>
/// <see cref="FindClear"/> is what makes random-start scans cheap: it skips 64 taken members per step by testing whole
/// words, so even a nearly full 2^20 range is scanned in at most 16,384 word reads.
/// </remarks>
internal sealed class AllocationBitmap
{
    private readonly ulong[] _words;

    public AllocationBitmap(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Length = length;
        _words = new ulong[(length + 63) >> 6];
    }

    /// <summary>The number of members the bitmap can hold (0 to Length - 1).</summary>
    public int Length { get; }

    /// <summary>The number of members set.</summary>
    public int Count { get; private set; }

    public bool Get(int index) => (_words[index >> 6] & (1UL << index)) != 0;

    /// <summary>Sets a member; false when it was set already.</summary>
    public bool Set(int index)
    {
        ref var word = ref _words[index >> 6];
        var bit = 1UL << index; // C# masks the shift count to 6 bits for ulong, so index & 63 is implied.
        if ((word & bit) != 0)
        {
            return false;
        }

        word |= bit;
        Count++;
        return true;
    }

    /// <summary>Clears a member; false when it was not set.</summary>
    public bool Clear(int index)
    {
        ref var word = ref _words[index >> 6];
        var bit = 1UL << index;
        if ((word & bit) == 0)
        {
            return false;
        }

        word &= ~bit;
        Count--;
        return true;
    }

    /// <summary>The lowest clear member in [<paramref name="from"/>, <paramref name="to"/>), or -1 when all are set.</summary>
    public int FindClear(int from, int to)
    {
        if (from >= to)
        {
            return -1;
        }

        var w = from >> 6;
        var last = (to - 1) >> 6;
        // Treat the members below 'from' in the first word as set so they are never found.
        var free = ~_words[w] & (ulong.MaxValue << from);
        while (true)
        {
            if (free != 0)
            {
                var index = (w << 6) + BitOperations.TrailingZeroCount(free);
                return index < to ? index : -1;
            }

            if (++w > last)
            {
                return -1;
            }

            free = ~_words[w];
        }
    }

    /// <summary>
    /// A clear member of [<paramref name="from"/>, <paramref name="to"/>) found by scanning forward from a random start
    /// and wrapping once, or -1 when all are set. Draws exactly one random number when the interval is not empty.
    /// </summary>
    public int FindClearFromRandomStart(int from, int to, Random random)
    {
        if (from >= to)
        {
            return -1;
        }

        var start = from + random.Next(to - from);
        var index = FindClear(start, to);
        return index >= 0 ? index : FindClear(from, start);
    }
}
