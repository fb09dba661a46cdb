using System.Net;
using System.Net.Sockets;
using System.Text;
using RoutingCore.Model;
using static RoutingCore.Sockets.Tests.Client;

namespace RoutingCore.Sockets.Tests;

/// <summary>TCP through real loopback sockets: frontends, refusal, retries, half-close, resets, idle timeout.</summary>
public abstract class TcpProxyTests(TcpTransport transport) : TransportTests(transport)
{
    [Fact]
    public async Task PX_1_EveryFrontendOfAServiceReachesItsEndpoint()
    {
        await using var cluster = StartCluster();
        await using var pod = TcpBackend.Start(cluster.PodEndPoint(1), "pod-1");
        var external = cluster.Plan.ServiceIP(200);
        cluster.Put(ProxyCluster.Service("web", type: ServiceTypes.LoadBalancer, edit: s => s with { ExternalIPs = [external.ToString()] }), cluster.Pod("web", 1));
        var service = cluster.Stored("web");
        var nodePort = service.Spec.Ports[0].NodePort;

        IPEndPoint[] frontends =
        [
            cluster.ClusterEndPoint("web"),
            new(cluster.Plan.Node1, nodePort),
            new(cluster.Plan.Node2, nodePort),
            cluster.LoadBalancerEndPoint("web"),
            new(external, 8000),
        ];

        foreach (var frontend in frontends)
        {
            Assert.Equal("pod-1", await WhoAnswersAsync(frontend));
        }

        Assert.Equal(5, cluster.Proxy.Listeners.Count);
    }

    [Fact]
    public async Task PX_7_AServiceWithoutEndpointsResetsTheClient()
    {
        await using var cluster = StartCluster();
        cluster.Put(ProxyCluster.Service("web"));

        Assert.Equal("reset", await RefusalAsync(cluster.ClusterEndPoint("web")));
    }

    [Fact]
    public async Task Connect_ARefusingEndpointIsRetriedOnAnother()
    {
        await using var cluster = StartCluster();
        await using var live = TcpBackend.Start(cluster.PodEndPoint(2), "pod-2");
        cluster.Put(ProxyCluster.Service("web"), cluster.Pod("web", 1), cluster.Pod("web", 2)); // nothing listens on pod 1

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal("pod-2", await WhoAnswersAsync(cluster.ClusterEndPoint("web")));
        }
    }

    [Fact]
    public async Task Connect_WithRetriesOffARefusingEndpointResetsTheClient()
    {
        await using var cluster = StartCluster(new SocketProxyOptions { ConnectAttempts = 1 });
        cluster.Put(ProxyCluster.Service("web"), cluster.Pod("web", 1)); // nothing listens

        Assert.Equal("reset", await RefusalAsync(cluster.ClusterEndPoint("web")));
    }

    [Fact]
    public async Task Connect_AnEndpointThatNeverAnswersTimesOut()
    {
        await using var cluster = StartCluster(new SocketProxyOptions { ConnectTimeout = TimeSpan.FromSeconds(5) });
        // A listener whose accept queue is full: the kernel drops further SYNs, so a connect to it hangs.
        using var silent = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        silent.Bind(cluster.PodEndPoint(1));
        silent.Listen(1);
        var queued = new List<Socket>();
        for (var i = 0; i < 2; i++)
        {
            queued.Add(await ConnectAsync(cluster.PodEndPoint(1)));
        }

        cluster.Put(ProxyCluster.Service("web"), cluster.Pod("web", 1));
        var connecting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.Proxy.Tracker.ConnectRegistered += () => connecting.TrySetResult();

        var outcome = RefusalAsync(cluster.ClusterEndPoint("web"));
        await connecting.Task.WaitAsync(Timeout());
        Assert.False(outcome.IsCompleted);
        cluster.Time.Advance(TimeSpan.FromSeconds(6));

        Assert.Equal("reset", await outcome);
        queued.ForEach(s => s.Dispose());
    }

    [Fact]
    public async Task HalfClose_TheClientFinishesSendingAndStillReceivesTheWholeAnswer()
    {
        await using var cluster = StartCluster();
        await using var pod = TcpBackend.Start(cluster.PodEndPoint(1), handler: CountThenAnswerAsync);
        cluster.Put(ProxyCluster.Service("web"), cluster.Pod("web", 1));

        using var client = await ConnectAsync(cluster.ClusterEndPoint("web"));
        var request = new byte[300_000];
        Random.Shared.NextBytes(request);
        await client.SendAsync(request);
        client.Shutdown(SocketShutdown.Send); // FIN: the backend learns the request is complete

        var answer = Encoding.ASCII.GetString(await ReadExactlyAsync(client, 7 + 6));
        Assert.Equal("300000 bytes\n", answer[..^0]);
        Assert.Equal("eof", await ReadToEndAsync(client));
    }

    [Fact]
    public async Task HalfClose_TheEndpointFinishesFirstAndTheClientKeepsSending()
    {
        await using var cluster = StartCluster();
        var received = new TaskCompletionSource<int>();
        await using var pod = TcpBackend.Start(cluster.PodEndPoint(1), handler: async socket =>
        {
            await socket.SendAsync(Encoding.ASCII.GetBytes("bye\n"));
            socket.Shutdown(SocketShutdown.Send); // the endpoint is done talking but keeps listening
            var total = 0;
            var buffer = new byte[8192];
            int read;
            while ((read = await socket.ReceiveAsync(buffer)) > 0)
            {
                total += read;
            }

            received.SetResult(total);
        });
        cluster.Put(ProxyCluster.Service("web"), cluster.Pod("web", 1));

        using var client = await ConnectAsync(cluster.ClusterEndPoint("web"));
        Assert.Equal("bye", await ReadLineAsync(client));
        Assert.Equal("eof", await ReadToEndAsync(client));
        for (var i = 0; i < 10; i++)
        {
            await client.SendAsync(new byte[10_000]);
        }

        client.Shutdown(SocketShutdown.Send);
        Assert.Equal(100_000, await received.Task.WaitAsync(Timeout()));
    }

    [Fact]
    public async Task Reset_AnEndpointResettingOneConnection_OnlyThatClientSeesIt()
    {
        await using var cluster = StartCluster();
        await using var pod = TcpBackend.Start(cluster.PodEndPoint(1), "pod-1");
        cluster.Put(ProxyCluster.Service("web"), cluster.Pod("web", 1));
        var clients = new List<Socket>();
        for (var i = 0; i < 5; i++)
        {
            var client = await ConnectAsync(cluster.ClusterEndPoint("web"));
            Assert.Equal("pod-1", await ReadLineAsync(client));
            clients.Add(client);
        }

        await pod.WaitForAcceptedAsync(5, Timeout());
        pod.Reset(2); // the backend's side of the third connection (accepted in order)

        Assert.Equal("reset", await ReadToEndAsync(clients[2]));
        foreach (var client in clients.Where((_, i) => i != 2))
        {
            Assert.Equal("still here"u8.ToArray(), await EchoAsync(client, "still here"u8.ToArray()));
        }

        clients.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task Reset_AnEndpointKilledMidConnection_ItsClientsSeeTheCloseAndTheOthersAndNewConnectionsAreUnaffected()
    {
        await using var cluster = StartCluster(proxyOptions: new() { Selection = Proxying.ProxySelectionMode.RoundRobin });
        await using var a = TcpBackend.Start(cluster.PodEndPoint(1), "pod-1");
        await using var b = TcpBackend.Start(cluster.PodEndPoint(2), "pod-2");
        cluster.Put(ProxyCluster.Service("web"), cluster.Pod("web", 1), cluster.Pod("web", 2));
        var clients = new List<(Socket Socket, string Pod)>();
        for (var i = 0; i < 6; i++)
        {
            var socket = await ConnectAsync(cluster.ClusterEndPoint("web"));
            clients.Add((socket, await ReadLineAsync(socket)));
        }

        Assert.Equal(3, clients.Count(c => c.Pod == "pod-1"));
        a.Kill();

        foreach (var (socket, pod) in clients)
        {
            if (pod == "pod-1")
            {
                Assert.Equal("reset", await ReadToEndAsync(socket));
            }
            else
            {
                Assert.Equal("ok"u8.ToArray(), await EchoAsync(socket, "ok"u8.ToArray()));
            }

            socket.Dispose();
        }

        Assert.Equal("pod-2", await WhoAnswersAsync(cluster.ClusterEndPoint("web"))); // pod-1 refuses: retried on pod-2
    }

    [Fact]
    public async Task Reset_AClientResetIsPassedToTheEndpoint()
    {
        await using var cluster = StartCluster();
        var seen = new TaskCompletionSource<string>();
        await using var pod = TcpBackend.Start(cluster.PodEndPoint(1), handler: async socket =>
        {
            await socket.SendAsync("hi\n"u8.ToArray());
            seen.SetResult(await ReadToEndAsync(socket));
        });
        cluster.Put(ProxyCluster.Service("web"), cluster.Pod("web", 1));

        var client = await ConnectAsync(cluster.ClusterEndPoint("web"));
        Assert.Equal("hi", await ReadLineAsync(client));
        client.LingerState = new LingerOption(true, 0);
        client.Dispose();

        Assert.Equal("reset", await seen.Task.WaitAsync(Timeout()));
    }

    [Fact]
    public async Task IdleTimeout_AConnectionQuietForTooLongIsClosed()
    {
        await using var cluster = StartCluster(new SocketProxyOptions { IdleTimeout = TimeSpan.FromSeconds(10) });
        await using var pod = TcpBackend.Start(cluster.PodEndPoint(1), "pod-1");
        cluster.Put(ProxyCluster.Service("web"), cluster.Pod("web", 1));
        using var quiet = await ConnectAsync(cluster.ClusterEndPoint("web"));
        Assert.Equal("pod-1", await ReadLineAsync(quiet));

        cluster.Time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal("x"u8.ToArray(), await EchoAsync(quiet, "x"u8.ToArray())); // activity restarts the clock
        cluster.Time.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal("y"u8.ToArray(), await EchoAsync(quiet, "y"u8.ToArray()));
        cluster.Time.Advance(TimeSpan.FromSeconds(11));

        Assert.Equal("eof", await ReadToEndAsync(quiet));
    }

    [Fact]
    public async Task Connect_WhatTheClientSendsBeforeTheEndpointAcceptsArrivesOnceItDoes()
    {
        await using var cluster = StartCluster();
        // A listener whose accept queue is full: the proxy's SYN is dropped until the queue drains, and retried 1 s later.
        using var slow = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        slow.Bind(cluster.PodEndPoint(1));
        slow.Listen(1);
        using var first = await ConnectAsync(cluster.PodEndPoint(1));
        using var second = await ConnectAsync(cluster.PodEndPoint(1));
        cluster.Put(ProxyCluster.Service("web"), cluster.Pod("web", 1));
        var connecting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.Proxy.Tracker.ConnectRegistered += () => connecting.TrySetResult();

        using var client = await ConnectAsync(cluster.ClusterEndPoint("web"));
        await connecting.Task.WaitAsync(Timeout());
        await client.SendAsync("hello"u8.ToArray());
        client.Shutdown(SocketShutdown.Send);
        (await slow.AcceptAsync(Timeout())).Dispose();
        (await slow.AcceptAsync(Timeout())).Dispose();

        using var upstream = await slow.AcceptAsync(Timeout());
        Assert.Equal("hello", Encoding.ASCII.GetString(await ReadAllAsync(upstream)));
        await upstream.SendAsync("world"u8.ToArray());
        upstream.Shutdown(SocketShutdown.Send);
        Assert.Equal("world", Encoding.ASCII.GetString(await ReadAllAsync(client)));
    }

    [Fact]
    public async Task Dispose_EndsRelayedAndConnectingConnectionsAndWaitsForThem()
    {
        await using var cluster = StartCluster();
        await using var pod = TcpBackend.Start(cluster.PodEndPoint(1), "pod-1");
        using var silent = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        silent.Bind(cluster.PodEndPoint(2));
        silent.Listen(1);
        using var first = await ConnectAsync(cluster.PodEndPoint(2));
        using var second = await ConnectAsync(cluster.PodEndPoint(2));
        cluster.Put(ProxyCluster.Service("web"), cluster.Pod("web", 1), ProxyCluster.Service("slow"), cluster.Pod("slow", 2));
        using var relayed = await ConnectAsync(cluster.ClusterEndPoint("web"));
        Assert.Equal("pod-1", await ReadLineAsync(relayed));
        var connecting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.Proxy.Tracker.ConnectRegistered += () => connecting.TrySetResult();
        using var waiting = await ConnectAsync(cluster.ClusterEndPoint("slow"));
        await connecting.Task.WaitAsync(Timeout());

        await cluster.Proxy.DisposeAsync();

        Assert.Equal(0, cluster.Proxy.ActiveConnections);
        Assert.Equal("eof", await ReadToEndAsync(relayed));
        Assert.Equal("reset", await ReadToEndAsync(waiting));
    }

    [Fact]
    public async Task Relay_UrgentDataDoesNotCutTheStreamShort()
    {
        await using var cluster = StartCluster();
        // The urgent byte is out of band (no SO_OOBINLINE): a receive stops at its mark with the rest still queued.
        await using var pod = TcpBackend.Start(cluster.PodEndPoint(1), handler: async socket =>
        {
            socket.Send("aaaa"u8);
            socket.Send("U"u8, SocketFlags.OutOfBand);
            socket.Send("bbbb"u8);
            socket.Shutdown(SocketShutdown.Send);
            await ReadToEndAsync(socket);
        });
        cluster.Put(ProxyCluster.Service("web"), cluster.Pod("web", 1));

        using var client = await ConnectAsync(cluster.ClusterEndPoint("web"));

        Assert.Equal("aaaabbbb", Encoding.ASCII.GetString(await ReadAllAsync(client)));
    }

    [Fact]
    public async Task Reset_DataTheEndpointSentBeforeItsResetStillArrives()
    {
        await using var cluster = StartCluster();
        await using var pod = TcpBackend.Start(cluster.PodEndPoint(1), handler: async socket =>
        {
            await ReadExactlyAsync(socket, 2); // the relay is established
            socket.Send("partial"u8);
            socket.LingerState = new LingerOption(true, 0);
            socket.Close(); // a reset right behind the data
        });
        cluster.Put(ProxyCluster.Service("web"), cluster.Pod("web", 1));

        using var client = await ConnectAsync(cluster.ClusterEndPoint("web"));
        await client.SendAsync("go"u8.ToArray());
        var received = new MemoryStream();
        var buffer = new byte[64];
        var ending = "eof";
        try
        {
            int read;
            while ((read = await client.ReceiveAsync(buffer, SocketFlags.None, Timeout())) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (SocketException error) when (error.SocketErrorCode == SocketError.ConnectionReset)
        {
            ending = "reset";
        }

        Assert.Equal("partial", Encoding.ASCII.GetString(received.ToArray()));
        Assert.Equal("reset", ending);
    }

    /// <summary>Reads until end of stream; everything received.</summary>
    private static async Task<byte[]> ReadAllAsync(Socket socket)
    {
        var received = new MemoryStream();
        var buffer = new byte[4096];
        int read;
        while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, Timeout())) > 0)
        {
            received.Write(buffer, 0, read);
        }

        return received.ToArray();
    }

    /// <summary>Reads until end of stream, then answers with the byte count and closes.</summary>
    private static async Task CountThenAnswerAsync(Socket socket)
    {
        var total = 0;
        var buffer = new byte[65536];
        int read;
        while ((read = await socket.ReceiveAsync(buffer)) > 0)
        {
            total += read;
        }

        await socket.SendAsync(Encoding.ASCII.GetBytes($"{total} bytes\n"));
        socket.Shutdown(SocketShutdown.Send);
    }
}

/// <summary><see cref="TcpProxyTests"/> on the epoll transport.</summary>
public sealed class TcpProxyTestsOnEpoll() : TcpProxyTests(TcpTransport.Epoll);

/// <summary><see cref="TcpProxyTests"/> on the portable transport.</summary>
public sealed class TcpProxyTestsOnSockets() : TcpProxyTests(TcpTransport.Sockets);
