using System.Buffers.Binary;
using System.Net;

namespace RoutingCore.Balancing;

/// <summary>
/// What a strategy may know about the request or connection being placed: the client address (ClientIP affinity,
/// hashing on the client) and a hash key (a header or cookie value for <see cref="SelectionStrategy.ConsistentHash"/>).
/// A small value passed by <c>in</c>; building one never allocates.
/// </summary>
/// <example>
/// <code>
/// var context = SelectionContext.None.WithClientAddress(remoteIP).WithHashKey(request.Headers["x-user"].ToString());
/// if (set.TrySelect(in context, out var lease)) { ... }
/// </code>
/// </example>
public readonly struct SelectionContext
{
    private const byte HasClientFlag = 1;
    private const byte HasHashFlag = 2;

    private readonly UInt128 _client;
    private readonly ulong _hash;
    private readonly byte _flags;

    private SelectionContext(UInt128 client, ulong hash, byte flags)
    {
        _client = client;
        _hash = hash;
        _flags = flags;
    }

    /// <summary>No client address and no key: every strategy picks without affinity.</summary>
    public static SelectionContext None => default;

    /// <summary>Whether a client address is set.</summary>
    public bool HasClientAddress => (_flags & HasClientFlag) != 0;

    /// <summary>Whether a hash key is set.</summary>
    public bool HasHashKey => (_flags & HasHashFlag) != 0;

    /// <summary>The stable 64-bit hash of the key; 0 when <see cref="HasHashKey"/> is false.</summary>
    public ulong HashKey => _hash;

    /// <summary>The client address as 16 bytes, IPv4 in its IPv4-mapped IPv6 form.</summary>
    internal UInt128 ClientAddress => _client;

    /// <summary>A copy with the client address (IPv4 and IPv4-mapped IPv6 forms are the same client).</summary>
    /// <param name="address">The client's IP address.</param>
    public SelectionContext WithClientAddress(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        Span<byte> bytes = stackalloc byte[16];
        if (!address.TryWriteBytes(bytes, out var written))
        {
            throw new ArgumentException("The address does not fit in 16 bytes.", nameof(address));
        }

        return WithClientAddress(bytes[..written]);
    }

    /// <summary>A copy with the client address given as its 4 (IPv4) or 16 (IPv6) network-order bytes.</summary>
    /// <param name="address">The address bytes.</param>
    /// <exception cref="ArgumentException">The span is neither 4 nor 16 bytes long.</exception>
    public SelectionContext WithClientAddress(ReadOnlySpan<byte> address)
    {
        UInt128 value = address.Length switch
        {
            16 => BinaryPrimitives.ReadUInt128BigEndian(address),
            4 => new UInt128(0, 0xFFFF_0000_0000UL | BinaryPrimitives.ReadUInt32BigEndian(address)),
            _ => throw new ArgumentException("An IP address has 4 or 16 bytes.", nameof(address)),
        };
        return new SelectionContext(value, _hash, (byte)(_flags | HasClientFlag));
    }

    /// <summary>A copy with a hash key given as bytes (for example a header value as received).</summary>
    /// <param name="key">The key; hashed at once with a process-independent hash.</param>
    public SelectionContext WithHashKey(ReadOnlySpan<byte> key) => WithHash(StableHash.Of(key));

    /// <summary>A copy with a hash key given as text (for example a cookie value); hashed by its UTF-16 code units.</summary>
    /// <param name="key">The key; hashed at once with a process-independent hash.</param>
    public SelectionContext WithHashKey(ReadOnlySpan<char> key) => WithHash(StableHash.Of(key));

    /// <summary>A copy with a hash the caller computed; it should be well mixed and stable across processes.</summary>
    /// <param name="hash">The hash.</param>
    public SelectionContext WithHash(ulong hash) => new(_client, hash, (byte)(_flags | HasHashFlag));
}
