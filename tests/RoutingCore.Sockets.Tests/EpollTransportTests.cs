using System.Diagnostics.Metrics;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using static RoutingCore.Sockets.Tests.Client;

namespace RoutingCore.Sockets.Tests;

/// <summary>What only the epoll transport has: its choice by default, its loop count, and fairness within a loop.</summary>
public sealed class EpollTransportTests
{
    [Fact]
    public void Options_AutoIsEpollOnLinuxX64AndArm64AndSocketsElsewhere()
    {
        var expected = OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64
            ? TcpTransport.Epoll
            : TcpTransport.Sockets;

        Assert.Equal(expected, new SocketProxyOptions().EffectiveTransport);
        Assert.Equal(TcpTransport.Sockets, new SocketProxyOptions { Transport = TcpTransport.Sockets }.EffectiveTransport);
    }

    [Fact]
    public void Options_AtLeastOneEventLoop()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SocketProxyOptions { EventLoops = 0 }.Validate());
        Assert.Equal("EventLoops", error.ParamName);
    }

    [Fact]
    public async Task ManyLoops_EveryConnectionIsCountedWhileOpenAndNotAfter()
    {
        const int Connections = 100;
        await using var cluster = ProxyCluster.Start(new SocketProxyOptions { Transport = TcpTransport.Epoll, EventLoops = 4 });
        await using var pod = TcpBackend.Start(cluster.PodEndPoint(1), "pod-1");
        cluster.Put(ProxyCluster.Service("web"), cluster.Pod("web", 1));
        Assert.Equal(4, cluster.Proxy.Epoll!.Loops.Count);

        var sockets = await Task.WhenAll(Enumerable.Range(0, Connections).Select(async i =>
        {
            var socket = await ConnectAsync(cluster.ClusterEndPoint("web"));
            Assert.Equal("pod-1", await ReadLineAsync(socket));
            return socket;
        }));
        Assert.Equal(Connections, cluster.Proxy.ActiveConnections);

        foreach (var socket in sockets)
        {
            socket.Shutdown(SocketShutdown.Send);
            Assert.Equal("eof", await ReadToEndAsync(socket));
            socket.Dispose();
        }

        await WaitForNoConnectionsAsync(cluster);
    }

    [Fact]
    public async Task OneLoop_AStreamThatNeverPausesDoesNotStarveTheLoopsOtherConnections()
    {
        await using var cluster = ProxyCluster.Start(new SocketProxyOptions { Transport = TcpTransport.Epoll, EventLoops = 1 });
        var sinkReceived = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var sink = TcpBackend.Start(cluster.PodEndPoint(1), handler: async socket =>
        {
            var (bytes, _) = await BulkData.ReceiveAsync(socket, Timeout(120));
            sinkReceived.SetResult(bytes);
        });
        await using var echo = TcpBackend.Start(cluster.PodEndPoint(2), "pod-2");
        cluster.Put(ProxyCluster.Service("bulk"), cluster.Pod("bulk", 1), ProxyCluster.Service("web"), cluster.Pod("web", 2));

        using var stopBulk = new CancellationTokenSource();
        using var bulk = await ConnectAsync(cluster.ClusterEndPoint("bulk"));
        var streaming = StreamUntilAsync(bulk, stopBulk.Token);
        for (var i = 0; i < 50; i++)
        {
            using var exchange = await ConnectAsync(cluster.ClusterEndPoint("web"), cancellation: Timeout());
            Assert.Equal("pod-2", await ReadLineAsync(exchange, Timeout()));
            var payload = Encoding.ASCII.GetBytes($"exchange {i}");
            Assert.Equal(payload, await EchoAsync(exchange, payload));
        }

        await stopBulk.CancelAsync();
        var sent = await streaming;
        Assert.True(sent > 0);
        Assert.Equal(sent, await sinkReceived.Task.WaitAsync(Timeout()));
    }

    [Fact]
    public async Task AThrowingMetricsListenerResetsItsConnectionsAndTheLoopGoesOn()
    {
        await using var cluster = ProxyCluster.Start(new SocketProxyOptions { Transport = TcpTransport.Epoll, EventLoops = 1 });
        await using var pod = TcpBackend.Start(cluster.PodEndPoint(1), "pod-1");
        cluster.Put(ProxyCluster.Service("web"), cluster.Pod("web", 1), ProxyCluster.Service("empty"));
        var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, cluster.Proxy.Meter))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, _, _) => throw new InvalidOperationException("listener bug"));
        listener.Start();

        Assert.Equal("reset", await RefusalAsync(cluster.ClusterEndPoint("empty"))); // throws as it counts the refusal
        Assert.Equal("reset", await RefusalAsync(cluster.ClusterEndPoint("web"))); // ... as it counts the connection, and as it closes

        listener.Dispose();
        Assert.Equal("pod-1", await WhoAnswersAsync(cluster.ClusterEndPoint("web")));
        await WaitForNoConnectionsAsync(cluster); // the failed ones were counted out too
    }

    /// <summary>
    /// Waits until the proxy counts no connection: a close is counted on its loop just after the client has seen it,
    /// so the count is awaited rather than raced.
    /// </summary>
    private static async Task WaitForNoConnectionsAsync(ProxyCluster cluster)
    {
        var deadline = Timeout();
        while (cluster.Proxy.ActiveConnections != 0)
        {
            await Task.Delay(10, deadline);
        }
    }

    /// <summary>Sends 64 KiB chunks back to back until <paramref name="stop"/>, then half-closes; the bytes sent.</summary>
    private static async Task<long> StreamUntilAsync(Socket socket, CancellationToken stop)
    {
        var chunk = new byte[64 * 1024];
        long sent = 0;
        while (!stop.IsCancellationRequested)
        {
            sent += await socket.SendAsync(chunk);
        }

        socket.Shutdown(SocketShutdown.Send);
        return sent;
    }
}
