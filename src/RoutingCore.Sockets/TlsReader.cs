using System.Buffers.Binary;

namespace RoutingCore.Sockets;

/// <summary>A bounds-checked cursor over big-endian TLS structures: every read says whether the bytes were there.</summary>
internal ref struct TlsReader(ReadOnlySpan<byte> data)
{
    private ReadOnlySpan<byte> _rest = data;

    public readonly bool AtEnd => _rest.IsEmpty;

    public bool Skip(int count)
    {
        if (_rest.Length < count)
        {
            return false;
        }

        _rest = _rest[count..];
        return true;
    }

    public bool ReadByte(out byte value)
    {
        value = _rest.IsEmpty ? (byte)0 : _rest[0];
        return Skip(1);
    }

    public bool ReadUInt16(out int value)
    {
        value = _rest.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(_rest) : 0;
        return Skip(2);
    }

    public bool SkipVector8() => ReadByte(out var length) && Skip(length);

    public bool SkipVector16() => ReadVector16(out _);

    public bool ReadVector16(out ReadOnlySpan<byte> vector)
    {
        vector = default;
        if (!ReadUInt16(out var length) || _rest.Length < length)
        {
            return false;
        }

        vector = _rest[..length];
        _rest = _rest[length..];
        return true;
    }
}
