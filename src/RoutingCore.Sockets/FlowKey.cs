using System.Net;
using System.Runtime.InteropServices;

namespace RoutingCore.Sockets;

/// <summary>
/// A UDP client's identity: the raw bytes of its socket address (family, port, address; at most 28 bytes for IPv6),
/// held inline so that looking a flow up for every datagram allocates nothing. The kernel zero-fills unused bytes,
/// so equal addresses give equal keys whatever the platform's sockaddr layout.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly record struct FlowKey(ulong A, ulong B, ulong C, ulong D, int Size)
{
    private const int MaxSize = 32;

    public static FlowKey From(SocketAddress address)
    {
        Span<byte> bytes = stackalloc byte[MaxSize];
        bytes.Clear();
        var size = Math.Min(address.Size, MaxSize);
        address.Buffer.Span[..size].CopyTo(bytes);
        var words = MemoryMarshal.Cast<byte, ulong>(bytes);
        return new FlowKey(words[0], words[1], words[2], words[3], size);
    }
}
