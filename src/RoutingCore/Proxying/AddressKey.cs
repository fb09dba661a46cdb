using System.Buffers.Binary;
using System.Net;

namespace RoutingCore.Proxying;

/// <summary>
/// IP addresses as 128-bit keys, IPv4 in its IPv4-mapped IPv6 form (<c>::ffff:a.b.c.d</c>), so that an IPv4 client seen
/// through a dual-mode socket and the same client seen through an IPv4 socket are one key, and so that lookups hash a
/// value instead of an <see cref="IPAddress"/> object.
/// </summary>
internal static class AddressKey
{
    private const ulong MappedPrefix = 0xFFFF_0000_0000UL;

    /// <summary>The key of <paramref name="address"/>; never allocates.</summary>
    public static UInt128 Of(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var written);
        return written == 4
            ? new UInt128(0, MappedPrefix | BinaryPrimitives.ReadUInt32BigEndian(bytes))
            : BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }

    /// <summary>The key of an IPv4 network's first address and the mask of its prefix, in the mapped space.</summary>
    public static (UInt128 Network, UInt128 Mask) Network(IPAddress address, int prefixLength)
    {
        var bits = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 96 + prefixLength : prefixLength;
        var mask = bits == 0 ? UInt128.Zero : UInt128.MaxValue << (128 - bits);
        return (Of(address) & mask, mask);
    }
}
