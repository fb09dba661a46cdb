using System.Buffers.Binary;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace RoutingCore.Sockets.Tests;

/// <summary>
/// Streams a large deterministic payload and hashes incrementally: a 1 MiB pseudo-random block sent over and over,
/// each copy stamped with its index so that a lost, repeated or reordered block changes the hash.
/// </summary>
internal static class BulkData
{
    public const int BlockSize = 1 << 20;

    /// <summary>Sends <paramref name="blocks"/> MiB, then half-closes; returns the SHA-256 of what was sent.</summary>
    public static async Task<byte[]> SendAsync(Socket socket, int blocks, int seed, CancellationToken cancellation)
    {
        var block = new byte[BlockSize];
        new Random(seed).NextBytes(block);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (var i = 0; i < blocks; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(block, i);
            hash.AppendData(block);
            var sent = 0;
            while (sent < block.Length)
            {
                sent += await socket.SendAsync(block.AsMemory(sent), SocketFlags.None, cancellation);
            }
        }

        socket.Shutdown(SocketShutdown.Send);
        return hash.GetHashAndReset();
    }

    /// <summary>Receives until end of stream; returns the byte count and the SHA-256 of what arrived.</summary>
    public static async Task<(long Bytes, byte[] Hash)> ReceiveAsync(Socket socket, CancellationToken cancellation)
    {
        var buffer = new byte[BlockSize];
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long total = 0;
        int read;
        while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellation)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            total += read;
        }

        return (total, hash.GetHashAndReset());
    }
}
