using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace RoutingCore.Sockets.Tests;

/// <summary>Real TLS on both ends: self-signed certificates, a TLS echo pod, a client that can trickle its ClientHello.</summary>
internal static class Tls
{
    public static X509Certificate2 Certificate(string host)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={host}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(host);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    /// <summary>A pod that completes a TLS handshake with <paramref name="certificate"/>, then answers each line with <c>name:line</c>.</summary>
    public static Func<Socket, Task> Server(string name, X509Certificate2 certificate) => async socket =>
    {
        try
        {
            await using var ssl = new SslStream(new NetworkStream(socket, ownsSocket: false));
            await ssl.AuthenticateAsServerAsync(certificate);
            using var reader = new StreamReader(ssl, Encoding.ASCII, leaveOpen: true);
            while (await reader.ReadLineAsync() is { } line)
            {
                await ssl.WriteAsync(Encoding.ASCII.GetBytes($"{name}:{line}\n"));
            }
        }
        catch (Exception error) when (error is IOException or SocketException or ObjectDisposedException or AuthenticationException)
        {
            // The client went away.
        }
    };

    /// <summary>
    /// Connects, completes a TLS handshake for <paramref name="serverName"/> (an IP literal sends no SNI), sends
    /// <c>hello</c> and returns the server certificate's subject and the answer.
    /// </summary>
    public static async Task<(string Subject, string Answer)> AskAsync(IPEndPoint at, string serverName, bool oneByteAtATime = false)
    {
        var socket = await Client.ConnectAsync(at);
        Stream stream = new NetworkStream(socket, ownsSocket: true);
        if (oneByteAtATime)
        {
            stream = new TrickleStream(stream);
        }

        string? subject = null;
        await using var ssl = new SslStream(stream, leaveInnerStreamOpen: false, (_, certificate, _, _) =>
        {
            subject = certificate?.Subject;
            return true; // self-signed: the test checks the subject instead
        });
        await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = serverName }, Client.Timeout());
        await ssl.WriteAsync("hello\n"u8.ToArray(), Client.Timeout());
        using var reader = new StreamReader(ssl, Encoding.ASCII, leaveOpen: true);
        var answer = await reader.ReadLineAsync(Client.Timeout());
        return (subject!, answer!);
    }

    /// <summary>Writes every byte with its own socket send (TCP_NODELAY is on), so the ClientHello arrives in 1-byte segments.</summary>
    private sealed class TrickleStream(Stream inner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.ReadAsync(buffer, offset, count, cancellationToken);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            for (var i = 0; i < buffer.Length; i++)
            {
                await inner.WriteAsync(buffer.Slice(i, 1), cancellationToken);
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
