using System.Net;
using System.Net.Sockets;

namespace L4Bench;

/// <summary>The benchmark's endpoint: a sink for throughput and a one-byte greeter for connection rate.</summary>
internal static class Backend
{
    public static async Task<int> RunAsync(IPAddress address)
    {
        using var sink = Listen(new IPEndPoint(address, 9001));
        using var greeter = Listen(new IPEndPoint(address, 9002));
        Console.WriteLine("ready");
        await Task.WhenAll(AcceptAsync(sink, SinkAsync), AcceptAsync(greeter, GreetAsync), AcceptAsync(greeter, GreetAsync));
        return 0;
    }

    private static Socket Listen(IPEndPoint endPoint)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        socket.SetRawSocketOption(1, 2, BitConverter.GetBytes(1));
        socket.Bind(endPoint);
        socket.Listen(4096);
        return socket;
    }

    private static async Task AcceptAsync(Socket listener, Func<Socket, Task> handler)
    {
        while (true)
        {
            var socket = await listener.AcceptAsync();
            _ = handler(socket);
        }
    }

    /// <summary>Reads to the end, then answers one byte so the client can stop its clock.</summary>
    private static async Task SinkAsync(Socket socket)
    {
        using (socket)
        {
            var buffer = GC.AllocateUninitializedArray<byte>(1 << 20);
            try
            {
                while (await socket.ReceiveAsync(buffer) > 0)
                {
                }

                await socket.SendAsync(new byte[] { 1 });
            }
            catch (SocketException)
            {
            }
        }
    }

    /// <summary>One byte, then an orderly close by the server, so TIME_WAIT stays on the server side of every hop.</summary>
    private static async Task GreetAsync(Socket socket)
    {
        using (socket)
        {
            try
            {
                await socket.SendAsync(new byte[] { 1 });
                socket.Shutdown(SocketShutdown.Send);
                var buffer = new byte[16];
                while (await socket.ReceiveAsync(buffer) > 0)
                {
                }
            }
            catch (SocketException)
            {
            }
        }
    }
}
