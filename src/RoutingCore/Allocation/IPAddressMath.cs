using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace RoutingCore.Allocation;

/// <summary>Addresses as unsigned integers (IPv4 in the low 32 bits), so ranges and offsets are plain arithmetic.</summary>
internal static class IPAddressMath
{
    public static int Bits(AddressFamily family) => family == AddressFamily.InterNetwork ? 32 : 128;

    public static UInt128 ToUInt128(IPAddress address)
    {
        // PERF: TryWriteBytes into a stack buffer instead of GetAddressBytes, which allocates an array per call.
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var written);
        return written == 4 ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }

    public static IPAddress FromUInt128(UInt128 value, AddressFamily family)
    {
        Span<byte> bytes = stackalloc byte[16];
        if (family == AddressFamily.InterNetwork)
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)value);
            return new IPAddress(bytes[..4]);
        }

        BinaryPrimitives.WriteUInt128BigEndian(bytes, value);
        return new IPAddress(bytes);
    }

    /// <summary>The mask of the host bits of a prefix: 0.0.0.255 for an IPv4 /24.</summary>
    public static UInt128 HostMask(AddressFamily family, int prefixLength)
    {
        var hostBits = Bits(family) - prefixLength;
        return hostBits == 0 ? UInt128.Zero : hostBits == 128 ? UInt128.MaxValue : (UInt128.One << hostBits) - 1;
    }

    /// <summary>
    /// Parses CIDR text strictly (<see cref="Validation.IPRules.TryParseCidr"/>) into the network it denotes. Host bits
    /// may be set and are cleared, as Go's <c>net.ParseCIDR</c> does: <c>10.96.0.1/12</c> is <c>10.96.0.0/12</c>.
    /// </summary>
    public static bool TryParseNetwork(string text, out IPNetwork network)
    {
        network = default;
        if (!Validation.IPRules.TryParseCidr(text, out var address, out var prefixLength))
        {
            return false;
        }

        var family = address.AddressFamily;
        var baseValue = ToUInt128(address) & ~HostMask(family, prefixLength);
        network = new IPNetwork(FromUInt128(baseValue, family), prefixLength);
        return true;
    }
}
