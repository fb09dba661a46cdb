using System.Buffers.Binary;
using System.Text;

namespace RoutingCore.Sockets.Tests;

/// <summary>Synthetic TLS ClientHellos: a given server name, padding, and any record size, for the parser tests.</summary>
internal static class ClientHelloBuilder
{
    public static byte[] Build(string? serverName, int padding = 0, int recordSize = 16384, byte handshakeType = 1, bool extensions = true)
    {
        var body = new List<byte>();
        body.AddRange([3, 3]);
        body.AddRange(Enumerable.Range(0, 32).Select(i => (byte)i)); // random
        body.Add(32);
        body.AddRange(Enumerable.Repeat((byte)7, 32)); // session id
        body.AddRange([0, 4, 0x13, 0x01, 0x13, 0x02]); // two cipher suites
        body.AddRange([1, 0]); // null compression
        if (extensions)
        {
            var list = new List<byte>();
            if (serverName is not null)
            {
                var name = Encoding.ASCII.GetBytes(serverName);
                var entry = new List<byte> { 0 };
                entry.AddRange(U16(name.Length));
                entry.AddRange(name);
                var names = new List<byte>(U16(entry.Count));
                names.AddRange(entry);
                list.AddRange(Extension(0, names));
            }

            list.AddRange(Extension(43, [2, 3, 4])); // supported_versions: TLS 1.3
            if (padding > 0)
            {
                list.AddRange(Extension(21, new byte[padding]));
            }

            body.AddRange(U16(list.Count));
            body.AddRange(list);
        }

        var handshake = new List<byte> { handshakeType, (byte)(body.Count >> 16), (byte)(body.Count >> 8), (byte)body.Count };
        handshake.AddRange(body);
        return Frame([.. handshake], recordSize);
    }

    /// <summary>Splits handshake bytes into TLS records of at most <paramref name="recordSize"/> bytes.</summary>
    public static byte[] Frame(byte[] handshake, int recordSize)
    {
        var output = new List<byte>();
        for (var offset = 0; offset < handshake.Length; offset += recordSize)
        {
            var length = Math.Min(recordSize, handshake.Length - offset);
            output.AddRange([22, 3, 1]);
            output.AddRange(U16(length));
            output.AddRange(handshake.AsSpan(offset, length).ToArray());
        }

        return [.. output];
    }

    /// <summary>The handshake bytes of a framed hello (records unwrapped), to re-frame them differently.</summary>
    public static byte[] Unframe(byte[] records)
    {
        var output = new List<byte>();
        for (var offset = 0; offset + 5 <= records.Length;)
        {
            var length = BinaryPrimitives.ReadUInt16BigEndian(records.AsSpan(offset + 3));
            output.AddRange(records.AsSpan(offset + 5, Math.Min(length, records.Length - offset - 5)).ToArray());
            offset += 5 + length;
        }

        return [.. output];
    }

    private static byte[] U16(int value) => [(byte)(value >> 8), (byte)value];

    private static List<byte> Extension(int type, IReadOnlyCollection<byte> data)
    {
        var extension = new List<byte>(U16(type));
        extension.AddRange(U16(data.Count));
        extension.AddRange(data);
        return extension;
    }
}
