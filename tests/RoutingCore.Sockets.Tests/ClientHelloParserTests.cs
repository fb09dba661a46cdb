using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using FsCheck;
using FsCheck.Fluent;
using static RoutingCore.Sockets.Tests.Client;

namespace RoutingCore.Sockets.Tests;

/// <summary>The ClientHello reader: server names, reassembly across records and segments, caps, malformed input.</summary>
public sealed class ClientHelloParserTests
{
    private const int Cap = 16 * 1024;

    [Theory]
    [InlineData("shop.example.com", "shop.example.com")]
    [InlineData("Shop.Example.COM.", "shop.example.com")]
    [InlineData("a", "a")]
    public void Sni_IsReadInLowerCaseWithoutTheTrailingDot(string sent, string expected)
    {
        Assert.Equal(ClientHelloStatus.Complete, ClientHelloParser.TryGetServerName(ClientHelloBuilder.Build(sent), Cap, out var name));
        Assert.Equal(expected, name);
    }

    [Fact]
    public void Sni_EveryProperPrefixNeedsMore()
    {
        var hello = ClientHelloBuilder.Build("shop.example.com", recordSize: 40);
        for (var length = 0; length < hello.Length; length++)
        {
            Assert.Equal(ClientHelloStatus.NeedMore, ClientHelloParser.TryGetServerName(hello.AsSpan(0, length), Cap, out _));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(100)]
    public void Sni_AHelloSplitOverManyRecordsIsReassembled(int recordSize)
    {
        var hello = ClientHelloBuilder.Build("split.example.com", recordSize: recordSize);

        Assert.Equal(ClientHelloStatus.Complete, ClientHelloParser.TryGetServerName(hello, Cap, out var name));
        Assert.Equal("split.example.com", name);
    }

    [Fact]
    public void Sni_AHelloWithoutTheExtensionIsCompleteWithNoName()
    {
        Assert.Equal(ClientHelloStatus.Complete, ClientHelloParser.TryGetServerName(ClientHelloBuilder.Build(null), Cap, out var name));
        Assert.Null(name);
        Assert.Equal(ClientHelloStatus.Complete, ClientHelloParser.TryGetServerName(ClientHelloBuilder.Build(null, extensions: false), Cap, out name));
        Assert.Null(name);
    }

    [Fact]
    public void Sni_AHelloLargerThanTheCapIsTooLargeAsSoonAsItsLengthIsKnown()
    {
        var hello = ClientHelloBuilder.Build("big.example.com", padding: 20_000, recordSize: 1000);

        Assert.Equal(ClientHelloStatus.TooLarge, ClientHelloParser.TryGetServerName(hello.AsSpan(0, 600), Cap, out _));
        Assert.Equal(ClientHelloStatus.Complete, ClientHelloParser.TryGetServerName(hello, 32 * 1024, out var name));
        Assert.Equal("big.example.com", name);
    }

    [Theory]
    [InlineData("GET / HTTP/1.1\r\n")]
    [InlineData("\u0016\u0002")]
    [InlineData("SSH-2.0-OpenSSH_9.6\r\n")]
    public void Sni_BytesThatAreNotATlsHandshakeAreMalformed(string start)
    {
        Assert.Equal(ClientHelloStatus.Malformed, ClientHelloParser.TryGetServerName(System.Text.Encoding.Latin1.GetBytes(start), Cap, out _));
    }

    [Fact]
    public void Sni_AHandshakeThatIsNotAClientHelloIsMalformed()
    {
        Assert.Equal(ClientHelloStatus.Malformed, ClientHelloParser.TryGetServerName(ClientHelloBuilder.Build("x", handshakeType: 2), Cap, out _));
    }

    [Theory]
    [InlineData("bad name.example.com")]
    [InlineData("tab\there")]
    public void Sni_ANameWithCharactersOutsidePrintableAsciiIsMalformed(string name)
    {
        Assert.Equal(ClientHelloStatus.Malformed, ClientHelloParser.TryGetServerName(ClientHelloBuilder.Build(name), Cap, out _));
    }

    [Fact]
    public void Sni_AnExtensionLengthPastTheEndIsMalformed()
    {
        var hello = ClientHelloBuilder.Build("shop.example.com");
        var handshake = ClientHelloBuilder.Unframe(hello);
        var extensionsLength = 4 + 2 + 32 + 1 + 32 + 2 + 4 + 2; // offset of the extensions' length
        handshake[extensionsLength + 1] += 1;

        Assert.Equal(ClientHelloStatus.Malformed, ClientHelloParser.TryGetServerName(ClientHelloBuilder.Frame(handshake, 16384), Cap, out _));
    }

    [Fact]
    public async Task Sni_ARealClientHelloFromSslStreamIsRead()
    {
        var hello = await CaptureClientHelloAsync("real.example.test");

        Assert.Equal(ClientHelloStatus.Complete, ClientHelloParser.TryGetServerName(hello, Cap, out var name));
        Assert.Equal("real.example.test", name);
        var reframed = ClientHelloBuilder.Frame(ClientHelloBuilder.Unframe(hello), 5);
        Assert.Equal(ClientHelloStatus.Complete, ClientHelloParser.TryGetServerName(reframed, Cap, out name));
        Assert.Equal("real.example.test", name);
    }

    [FsCheck.Xunit.Property(MaxTest = 500, Replay = "12345,67891")]
    public bool Sni_ArbitraryCorruptionNeverThrows(int position, byte value, PositiveInt cut)
    {
        var hello = ClientHelloBuilder.Build("fuzz.example.com", recordSize: 50);
        hello[Math.Abs(position % hello.Length)] = value;
        var length = Math.Min(hello.Length, cut.Get);
        var status = ClientHelloParser.TryGetServerName(hello.AsSpan(0, length), Cap, out var name);
        return status != ClientHelloStatus.Complete || name is null || name.All(c => c is > ' ' and <= '~' && !char.IsUpper(c));
    }

    /// <summary>Runs a real SslStream client against a socket that only records what arrives until the hello is complete.</summary>
    private static async Task<byte[]> CaptureClientHelloAsync(string serverName)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(listener.LocalEndPoint!, Timeout());
        using var server = await listener.AcceptAsync(Timeout());
        var ssl = new SslStream(new NetworkStream(client, ownsSocket: false));
        var handshake = ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = serverName }, Timeout());
        var buffer = new byte[Cap];
        var length = 0;
        while (ClientHelloParser.TryGetServerName(buffer.AsSpan(0, length), Cap, out _) == ClientHelloStatus.NeedMore)
        {
            length += await server.ReceiveAsync(buffer.AsMemory(length), SocketFlags.None, Timeout());
        }

        server.Shutdown(SocketShutdown.Both);
        await Assert.ThrowsAnyAsync<Exception>(() => handshake); // the "server" never answers
        await ssl.DisposeAsync();
        return buffer[..length];
    }
}
