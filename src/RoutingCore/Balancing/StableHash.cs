using System.Runtime.InteropServices;

namespace RoutingCore.Balancing;

/// <summary>
/// Hashes that are the same in every process and on every run (unlike <see cref="string.GetHashCode()"/>), so that
/// proxies with the same endpoints map the same key to the same endpoint. FNV-1a folds the bytes; the SplitMix64
/// finaliser then spreads FNV's weak high bits, which matter because tables are indexed by multiplying the high bits.
/// </summary>
internal static class StableHash
{
    private const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    /// <summary>The golden-ratio increment of SplitMix64.</summary>
    public const ulong Golden = 0x9E3779B97F4A7C15UL;

    /// <summary>The SplitMix64 finaliser: a bijection that spreads every input bit over the whole word.</summary>
    public static ulong Mix(ulong x)
    {
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    /// <summary>Hashes bytes.</summary>
    public static ulong Of(ReadOnlySpan<byte> data)
    {
        var h = FnvOffset;
        foreach (var b in data)
        {
            h = (h ^ b) * FnvPrime;
        }

        return Mix(h);
    }

    /// <summary>Hashes UTF-16 text by its code units (so a char key and its UTF-8 bytes hash differently).</summary>
    public static ulong Of(ReadOnlySpan<char> text) => Of(MemoryMarshal.AsBytes(text));

    /// <summary>Hashes a client address in its 16-byte form.</summary>
    public static ulong Of(UInt128 address) => Mix((ulong)address ^ Mix((ulong)(address >> 64)));

    /// <summary>Hashes an endpoint identity with a salt, for the two independent Maglev permutation parameters.</summary>
    public static ulong Of(EndpointKey key, ulong salt) => Mix(Of(key.Address.AsSpan()) ^ Mix((ulong)key.Port + salt));

    /// <summary>Maps a hash uniformly onto 0..<paramref name="range"/>-1 with a multiply instead of a division.</summary>
    public static int Reduce(ulong hash, int range) => (int)(((hash >> 32) * (ulong)(uint)range) >> 32);
}
