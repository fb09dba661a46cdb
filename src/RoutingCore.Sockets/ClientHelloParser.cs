using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace RoutingCore.Sockets;

/// <summary>
/// Finds the server name (SNI, RFC 6066) in the bytes a TLS client sent first, without changing them.
/// </summary>
/// <remarks>
/// Algorithm: walk the TLS records from the start (each a 5-byte header: type 22 handshake, version 3.x, length up to
/// 2^14 + 2048); the handshake message they carry must be a ClientHello (type 1) whose 24-bit length says how many
/// handshake bytes to collect. Then skip version, random, session id, cipher suites and compression methods, and scan
/// the extensions for server_name (type 0) holding a host_name (type 0) entry. The subtle point is that a ClientHello
/// may be split across several records (and the records across TCP segments), so when the first record does not hold
/// the whole message its fragments are concatenated into a scratch buffer; the common single-record case is parsed in
/// place. Every length is checked against what remains, so malformed input yields <see cref="ClientHelloStatus.Malformed"/>,
/// never an exception, and no input can make the parser read more than <c>maxBytes</c>.
/// </remarks>
internal static class ClientHelloParser
{
    private const int RecordHeader = 5;
    private const int MaxRecord = (1 << 14) + 2048;

    /// <summary>Examines <paramref name="data"/>, everything the client sent so far.</summary>
    /// <param name="data">The bytes received.</param>
    /// <param name="maxBytes">The cap on the bytes a ClientHello may occupy, record headers included.</param>
    /// <param name="serverName">On <see cref="ClientHelloStatus.Complete"/>, the host name in lower case without a trailing dot, or null.</param>
    public static ClientHelloStatus TryGetServerName(ReadOnlySpan<byte> data, int maxBytes, out string? serverName)
    {
        serverName = null;
        byte[]? scratch = null;
        try
        {
            var position = 0;
            var collected = 0;
            var needed = -1;
            while (true)
            {
                if (data.Length - position < RecordHeader)
                {
                    return position + RecordHeader > maxBytes ? ClientHelloStatus.TooLarge : PartialHeader(data[position..]);
                }

                var header = data.Slice(position, RecordHeader);
                var length = BinaryPrimitives.ReadUInt16BigEndian(header[3..]);
                if (header[0] != 22 || header[1] != 3 || length == 0 || length > MaxRecord)
                {
                    return ClientHelloStatus.Malformed;
                }

                if (position + RecordHeader + length > maxBytes)
                {
                    return ClientHelloStatus.TooLarge;
                }

                if (data.Length < position + RecordHeader + length)
                {
                    // The handshake header may already be here: refuse early what can never be a fitting ClientHello.
                    var available = data.Length - position - RecordHeader;
                    if (collected == 0 && available >= 4)
                    {
                        if (!TryNeeded(data.Slice(position + RecordHeader, 4), out needed))
                        {
                            return ClientHelloStatus.Malformed;
                        }

                        if (needed + RecordHeader > maxBytes)
                        {
                            return ClientHelloStatus.TooLarge;
                        }
                    }

                    return ClientHelloStatus.NeedMore;
                }

                var fragment = data.Slice(position + RecordHeader, length);
                position += RecordHeader + length;
                if (collected == 0 && fragment.Length >= 4 && !TryNeeded(fragment, out needed))
                {
                    return ClientHelloStatus.Malformed;
                }

                if (collected == 0 && needed > 0 && fragment.Length >= needed)
                {
                    return Parse(fragment[4..needed], out serverName);
                }

                // The message spans records: gather the fragments.
                scratch ??= ArrayPool<byte>.Shared.Rent(maxBytes);
                if (collected + fragment.Length > scratch.Length)
                {
                    return ClientHelloStatus.TooLarge;
                }

                fragment.CopyTo(scratch.AsSpan(collected));
                collected += fragment.Length;
                if (needed < 0 && collected >= 4 && !TryNeeded(scratch.AsSpan(0, collected), out needed))
                {
                    return ClientHelloStatus.Malformed;
                }

                if (needed + RecordHeader > maxBytes)
                {
                    return ClientHelloStatus.TooLarge;
                }

                if (needed > 0 && collected >= needed)
                {
                    return Parse(scratch.AsSpan(4, needed - 4), out serverName);
                }
            }
        }
        finally
        {
            if (scratch is not null)
            {
                ArrayPool<byte>.Shared.Return(scratch);
            }
        }
    }

    /// <summary>Fewer than 5 bytes of a record header: malformed already if the bytes present say so.</summary>
    private static ClientHelloStatus PartialHeader(ReadOnlySpan<byte> partial) =>
        (partial.Length >= 1 && partial[0] != 22) || (partial.Length >= 2 && partial[1] != 3)
            ? ClientHelloStatus.Malformed
            : ClientHelloStatus.NeedMore;

    /// <summary>The handshake header: type 1 (ClientHello) and the total message length, header included.</summary>
    private static bool TryNeeded(ReadOnlySpan<byte> handshake, out int needed)
    {
        needed = 4 + ((handshake[1] << 16) | (handshake[2] << 8) | handshake[3]);
        return handshake[0] == 1 && needed > 4 + 34;
    }

    /// <summary>Parses a ClientHello body (after the 4-byte handshake header).</summary>
    private static ClientHelloStatus Parse(ReadOnlySpan<byte> body, out string? serverName)
    {
        serverName = null;
        var reader = new TlsReader(body);
        if (!reader.Skip(2 + 32) || !reader.SkipVector8() || !reader.SkipVector16() || !reader.SkipVector8())
        {
            return ClientHelloStatus.Malformed;
        }

        if (reader.AtEnd)
        {
            return ClientHelloStatus.Complete; // no extensions, so no server name
        }

        if (!reader.ReadVector16(out var extensions) || !reader.AtEnd)
        {
            return ClientHelloStatus.Malformed;
        }

        var list = new TlsReader(extensions);
        while (!list.AtEnd)
        {
            if (!list.ReadUInt16(out var type) || !list.ReadVector16(out var extension))
            {
                return ClientHelloStatus.Malformed;
            }

            if (type == 0)
            {
                return ParseServerName(extension, out serverName);
            }
        }

        return ClientHelloStatus.Complete;
    }

    private static ClientHelloStatus ParseServerName(ReadOnlySpan<byte> extension, out string? serverName)
    {
        serverName = null;
        var reader = new TlsReader(extension);
        if (!reader.ReadVector16(out var names) || !reader.AtEnd)
        {
            return ClientHelloStatus.Malformed;
        }

        var list = new TlsReader(names);
        while (!list.AtEnd)
        {
            if (!list.ReadByte(out var nameType) || !list.ReadVector16(out var name))
            {
                return ClientHelloStatus.Malformed;
            }

            if (nameType != 0)
            {
                continue;
            }

            if (name.Length > 0 && name[^1] == (byte)'.')
            {
                name = name[..^1];
            }

            if (name.Length is 0 or > 253 || name.ContainsAnyExceptInRange((byte)0x21, (byte)0x7E))
            {
                return ClientHelloStatus.Malformed;
            }

            serverName = Encoding.ASCII.GetString(name).ToLowerInvariant();
            return ClientHelloStatus.Complete;
        }

        return ClientHelloStatus.Complete;
    }
}
