using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace L4Bench;

/// <summary>The benchmark's client: one bulk upload, or many short connections.</summary>
internal static class LoadClient
{
    public static async Task<int> ThroughputAsync(IPEndPoint target, int mib)
    {
        using var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(target);
        var block = GC.AllocateUninitializedArray<byte>(1 << 20);
        Random.Shared.NextBytes(block);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < mib; i++)
        {
            await socket.SendAsync(block);
        }

        socket.Shutdown(SocketShutdown.Send);
        var answer = new byte[1];
        if (await socket.ReceiveAsync(answer) != 1)
        {
            throw new IOException("the sink did not acknowledge the upload");
        }

        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(((double)mib * (1 << 20) / 1e6 / seconds).ToString("F1", System.Globalization.CultureInfo.InvariantCulture));
        return 0;
    }

    public static async Task<int> RateAsync(IPEndPoint target, int seconds, int workers)
    {
        var stop = Stopwatch.StartNew();
        var limit = TimeSpan.FromSeconds(seconds);
        long completed = 0, failed = 0;
        string? firstError = null;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
        {
            var buffer = new byte[16];
            while (stop.Elapsed < limit)
            {
                try
                {
                    using var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                    await socket.ConnectAsync(target);
                    var total = 0;
                    int read;
                    while ((read = await socket.ReceiveAsync(buffer)) > 0)
                    {
                        total += read;
                    }

                    if (total == 1)
                    {
                        Interlocked.Increment(ref completed);
                    }
                    else
                    {
                        Interlocked.Increment(ref failed);
                        Interlocked.CompareExchange(ref firstError, $"received {total} bytes instead of 1", null);
                    }
                }
                catch (SocketException error)
                {
                    Interlocked.Increment(ref failed);
                    Interlocked.CompareExchange(ref firstError, error.SocketErrorCode.ToString(), null);
                }
            }
        }));
        var rate = completed / stop.Elapsed.TotalSeconds;
        Console.WriteLine(rate.ToString("F0", System.Globalization.CultureInfo.InvariantCulture));
        if (failed > 0)
        {
            Console.Error.WriteLine($"{failed} connections failed (first: {firstError})");
        }

        return 0;
    }

    public static async Task<int> WaitAsync(IPEndPoint target)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            try
            {
                using var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                await socket.ConnectAsync(target);
                return 0;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        Console.Error.WriteLine($"nothing accepts on {target}");
        return 1;
    }
}
