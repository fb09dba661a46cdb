using System.Net;
using System.Security.Cryptography;

namespace RoutingCore.AspNetCore.Tests.Infrastructure;

/// <summary>Deterministic pseudo-random bytes written in 64 KiB blocks, never held whole in memory.</summary>
internal static class PatternStream
{
    public static async Task CopyToAsync(Stream destination, long size, int seed)
    {
        var random = new Random(seed);
        var block = new byte[64 * 1024];
        for (long written = 0; written < size; written += block.Length)
        {
            random.NextBytes(block);
            await destination.WriteAsync(block.AsMemory(0, (int)Math.Min(block.Length, size - written)));
        }
    }

    public static async Task<string> HashAsync(long size, int seed)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var sink = new HashingStream(hash);
        await CopyToAsync(sink, size, seed);
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private sealed class HashingStream(IncrementalHash hash) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => hash.AppendData(buffer, offset, count);
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            hash.AppendData(buffer.Span);
            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>A request body of <see cref="PatternStream"/> bytes, streamed with a Content-Length.</summary>
internal sealed class PatternContent(long size, int seed) : HttpContent
{
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => PatternStream.CopyToAsync(stream, size, seed);

    protected override bool TryComputeLength(out long length)
    {
        length = size;
        return true;
    }
}
