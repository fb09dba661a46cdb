using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RoutingCore.Sockets.Tests;

/// <summary>Client-side helpers: connect from a chosen loopback source, read greetings, exchange bytes.</summary>
internal static class Client
{
    /// <summary>A token that cancels after a generous limit, so a broken test fails instead of hanging.</summary>
    public static CancellationToken Timeout(int seconds = 60) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;

    public static async Task<Socket> ConnectAsync(IPEndPoint to, IPAddress? from = null, CancellationToken cancellation = default)
    {
        var socket = new Socket(to.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            if (from is not null)
            {
                socket.Bind(new IPEndPoint(from, 0));
            }

            await socket.ConnectAsync(to, cancellation.CanBeCanceled ? cancellation : Timeout());
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Reads one line (the backend's greeting: its name).</summary>
    public static async Task<string> ReadLineAsync(Socket socket, CancellationToken cancellation = default)
    {
        var line = new List<byte>();
        var one = new byte[1];
        while (true)
        {
            var read = await socket.ReceiveAsync(one, SocketFlags.None, cancellation.CanBeCanceled ? cancellation : Timeout());
            if (read == 0)
            {
                throw new IOException($"closed after \"{Encoding.ASCII.GetString([.. line])}\"");
            }

            if (one[0] == '\n')
            {
                return Encoding.ASCII.GetString([.. line]);
            }

            line.Add(one[0]);
        }
    }

    /// <summary>Connects and returns the name of the backend that answered.</summary>
    public static async Task<string> WhoAnswersAsync(IPEndPoint to, IPAddress? from = null)
    {
        using var socket = await ConnectAsync(to, from);
        return await ReadLineAsync(socket);
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes.</summary>
    public static async Task<byte[]> ReadExactlyAsync(Socket socket, int count, CancellationToken cancellation = default)
    {
        var buffer = new byte[count];
        var filled = 0;
        while (filled < count)
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, cancellation.CanBeCanceled ? cancellation : Timeout());
            if (read == 0)
            {
                throw new IOException($"closed after {filled} of {count} bytes");
            }

            filled += read;
        }

        return buffer;
    }

    /// <summary>Sends <paramref name="payload"/> and reads the same number of bytes back.</summary>
    public static async Task<byte[]> EchoAsync(Socket socket, byte[] payload)
    {
        await socket.SendAsync(payload);
        return await ReadExactlyAsync(socket, payload.Length);
    }

    /// <summary>
    /// Reads until the connection ends; returns "eof" for an orderly close or "reset" for a reset, so tests can tell
    /// how the proxy ended it.
    /// </summary>
    public static async Task<string> ReadToEndAsync(Socket socket, CancellationToken cancellation = default)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (await socket.ReceiveAsync(buffer, SocketFlags.None, cancellation.CanBeCanceled ? cancellation : Timeout()) > 0)
            {
            }

            return "eof";
        }
        catch (SocketException error) when (error.SocketErrorCode == SocketError.ConnectionReset)
        {
            return "reset";
        }
    }

    /// <summary>
    /// Connects and reads until the end: "reset" when the proxy refused the connection (the reset may even beat the
    /// connect's completion), "eof" for an orderly close. Any data received first is ignored.
    /// </summary>
    public static async Task<string> RefusalAsync(IPEndPoint to, IPAddress? from = null)
    {
        Socket socket;
        try
        {
            socket = await ConnectAsync(to, from);
        }
        catch (SocketException error) when (error.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionRefused)
        {
            return "reset";
        }

        using (socket)
        {
            return await ReadToEndAsync(socket);
        }
    }
}
