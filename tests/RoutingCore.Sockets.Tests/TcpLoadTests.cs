using System.Net.Sockets;
using System.Text;
using static RoutingCore.Sockets.Tests.Client;

namespace RoutingCore.Sockets.Tests;

/// <summary>Volume through the proxy: 1 GiB each way at once, and 1,000 concurrent connections.</summary>
public abstract class TcpLoadTests(TcpTransport transport) : TransportTests(transport)
{
    [Fact]
    public async Task Transfer_OneGibibyteEachWayAtOnce_ArrivesIntact()
    {
        const int Blocks = 1024; // 1 GiB
        await using var cluster = StartCluster(new SocketProxyOptions { BufferSize = 256 * 1024 });
        var backendSent = new TaskCompletionSource<byte[]>();
        var backendReceived = new TaskCompletionSource<(long, byte[])>();
        await using var pod = TcpBackend.Start(cluster.PodEndPoint(1), handler: async socket =>
        {
            var receiving = BulkData.ReceiveAsync(socket, Timeout(300));
            backendSent.SetResult(await BulkData.SendAsync(socket, Blocks, seed: 2, Timeout(300)));
            backendReceived.SetResult(await receiving);
        });
        cluster.Put(ProxyCluster.Service("bulk"), cluster.Pod("bulk", 1));

        using var client = await ConnectAsync(cluster.ClusterEndPoint("bulk"));
        var receiving = BulkData.ReceiveAsync(client, Timeout(300));
        var sent = await BulkData.SendAsync(client, Blocks, seed: 1, Timeout(300));
        var (receivedBytes, receivedHash) = await receiving;
        var (backendBytes, backendHash) = await backendReceived.Task.WaitAsync(Timeout(300));

        Assert.Equal((long)Blocks << 20, backendBytes);
        Assert.Equal(Convert.ToHexString(sent), Convert.ToHexString(backendHash));
        Assert.Equal((long)Blocks << 20, receivedBytes);
        Assert.Equal(Convert.ToHexString(await backendSent.Task), Convert.ToHexString(receivedHash));
    }

    [Fact]
    public async Task Concurrency_OneThousandConnectionsOpenAtOnce_AllEchoTheirOwnBytes()
    {
        const int Connections = 1000;
        await using var cluster = StartCluster();
        await using var pods = Group.Of(Enumerable.Range(1, 4).Select(i => TcpBackend.Start(cluster.PodEndPoint(i), $"pod-{i}")).ToList());
        cluster.Put([ProxyCluster.Service("web"), .. Enumerable.Range(1, 4).Select(i => cluster.Pod("web", i))]);
        var frontend = cluster.ClusterEndPoint("web");

        var sockets = await Task.WhenAll(Enumerable.Range(0, Connections).Select(async i =>
        {
            var socket = await ConnectAsync(frontend, cancellation: Timeout(120));
            var pod = await ReadLineAsync(socket, Timeout(120));
            var payload = Encoding.ASCII.GetBytes($"connection {i:D4} via {pod} " + new string((char)('a' + (i % 26)), 1000));
            Assert.Equal(payload, await EchoAsync(socket, payload));
            return (Socket: socket, Pod: pod);
        }));

        Assert.Equal(Connections, cluster.Proxy.ActiveConnections);
        Assert.Equal(Connections, pods.Sum(p => p.AcceptedCount));
        Assert.All(pods, p => Assert.InRange(p.AcceptedCount, 150, 350)); // Random over 4: 250 ± ~5 sigma
        foreach (var (socket, _) in sockets)
        {
            socket.Shutdown(SocketShutdown.Send);
        }

        foreach (var (socket, _) in sockets)
        {
            Assert.Equal("eof", await ReadToEndAsync(socket));
            socket.Dispose();
        }
    }
}

/// <summary><see cref="TcpLoadTests"/> on the epoll transport.</summary>
public sealed class TcpLoadTestsOnEpoll() : TcpLoadTests(TcpTransport.Epoll);

/// <summary><see cref="TcpLoadTests"/> on the portable transport.</summary>
public sealed class TcpLoadTestsOnSockets() : TcpLoadTests(TcpTransport.Sockets);
