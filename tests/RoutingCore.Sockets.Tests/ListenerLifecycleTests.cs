using System.Net;
using System.Net.Sockets;
using System.Text;
using RoutingCore.Model;
using RoutingCore.Proxying;
using static RoutingCore.Sockets.Tests.Client;

namespace RoutingCore.Sockets.Tests;

/// <summary>Listeners follow the table without disturbing traffic; removed endpoints are drained; bind failures are reported.</summary>
public abstract class ListenerLifecycleTests(TcpTransport transport) : TransportTests(transport)
{
    [Fact]
    public async Task Listeners_AddedAndRemovedWhileTrafficFlows_DisturbNothingElse()
    {
        await using var cluster = StartCluster();
        await using var steady = TcpBackend.Start(cluster.PodEndPoint(1), "steady");
        await using var other = TcpBackend.Start(cluster.PodEndPoint(2), "other");
        cluster.Put(ProxyCluster.Service("steady"), cluster.Pod("steady", 1));
        var steadyFrontend = cluster.ClusterEndPoint("steady");

        // Traffic on the steady Service for the whole test: one long connection echoing, and new connections.
        using var stop = new CancellationTokenSource();
        var longLived = KeepEchoingAsync(steadyFrontend, stop.Token);
        var shortLived = KeepConnectingAsync(steadyFrontend, stop.Token);

        var names = Enumerable.Range(1, 4).Select(i => $"churn-{i}").ToList();
        cluster.Put([.. names.Select(n => ProxyCluster.Service(n, edit: s => s with { Selector = Labels.Of(("app", "other")) })), cluster.Pod("other", 2)]);
        var frontends = names.ToDictionary(n => n, cluster.ClusterEndPoint);
        foreach (var frontend in frontends.Values)
        {
            Assert.Equal("other", await WhoAnswersAsync(frontend));
        }

        using var survivor = await ConnectAsync(frontends["churn-1"]);
        Assert.Equal("other", await ReadLineAsync(survivor));

        cluster.State.Delete<Service>("default", "churn-1");
        cluster.State.Delete<Service>("default", "churn-2");
        cluster.State.Sync();

        foreach (var removed in new[] { "churn-1", "churn-2" })
        {
            var refused = await Assert.ThrowsAsync<SocketException>(() => ConnectAsync(frontends[removed]));
            Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
        }

        Assert.Equal("other", await WhoAnswersAsync(frontends["churn-3"]));
        Assert.Equal("still"u8.ToArray(), await EchoAsync(survivor, "still"u8.ToArray())); // its listener is gone, it is not
        Assert.Equal(3, cluster.Proxy.Listeners.Count); // steady, churn-3 and churn-4
        Assert.DoesNotContain(cluster.Proxy.Listeners, l => l.EndPoint.Equals(frontends["churn-1"]));

        await stop.CancelAsync();
        var (echoes, echoErrors) = await longLived;
        var (connections, connectErrors) = await shortLived;
        Assert.Equal((0, 0), (echoErrors, connectErrors));
        Assert.True(echoes > 0 && connections > 0);
    }

    [Fact]
    public async Task Drain_AConnectionToARemovedEndpointRunsUntilTheGracePeriodEnds()
    {
        await using var cluster = StartCluster(new SocketProxyOptions { DrainTimeout = TimeSpan.FromSeconds(20) }, new ServiceProxyOptions { Selection = ProxySelectionMode.RoundRobin });
        await using var a = TcpBackend.Start(cluster.PodEndPoint(1), "pod-1");
        await using var b = TcpBackend.Start(cluster.PodEndPoint(2), "pod-2");
        cluster.Put(ProxyCluster.Service("web"), cluster.Pod("web", 1), cluster.Pod("web", 2));
        var frontend = cluster.ClusterEndPoint("web");
        var first = await ConnectAsync(frontend);
        var second = await ConnectAsync(frontend);
        var pods = new[] { await ReadLineAsync(first), await ReadLineAsync(second) };
        var (onPod1, onPod2) = pods[0] == "pod-1" ? (first, second) : (second, first);

        cluster.State.Delete<Pod>("default", "web-1");
        cluster.State.Sync();

        Assert.Equal("draining"u8.ToArray(), await EchoAsync(onPod1, "draining"u8.ToArray()));
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal("pod-2", await WhoAnswersAsync(frontend)); // no new connection reaches the removed endpoint
        }

        cluster.Time.Advance(TimeSpan.FromSeconds(21));

        Assert.Equal("eof", await ReadToEndAsync(onPod1));
        Assert.Equal("kept"u8.ToArray(), await EchoAsync(onPod2, "kept"u8.ToArray()));
        first.Dispose();
        second.Dispose();
    }

    [Fact]
    public async Task Drain_AnEndpointThatComesBackBeforeTheDeadlineKeepsItsConnections()
    {
        await using var cluster = StartCluster(new SocketProxyOptions { DrainTimeout = TimeSpan.FromSeconds(20) });
        await using var a = TcpBackend.Start(cluster.PodEndPoint(1), "pod-1");
        cluster.Put(ProxyCluster.Service("web"), cluster.Pod("web", 1));
        using var client = await ConnectAsync(cluster.ClusterEndPoint("web"));
        Assert.Equal("pod-1", await ReadLineAsync(client));

        cluster.State.Delete<Pod>("default", "web-1");
        cluster.State.Sync();
        cluster.Time.Advance(TimeSpan.FromSeconds(10));
        cluster.Put(cluster.Pod("web", 1));
        cluster.Time.Advance(TimeSpan.FromSeconds(15));

        Assert.Equal("back"u8.ToArray(), await EchoAsync(client, "back"u8.ToArray()));
    }

    [Fact]
    public async Task Bind_AFailureIsReportedWithTheFixAndOtherListenersKeepRunning()
    {
        await using var cluster = StartCluster();
        await using var pod = TcpBackend.Start(cluster.PodEndPoint(1), "pod-1");
        var taken = new IPEndPoint(cluster.Plan.ServiceIP(50), 8000);
        var blocker = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        blocker.Bind(taken);
        blocker.Listen();
        var faults = new List<ListenerFault>();
        cluster.Proxy.ListenerFailed += (_, fault) => faults.Add(fault);

        cluster.Put(
            ProxyCluster.Service("blocked", edit: s => s with { ClusterIP = taken.Address.ToString(), Selector = Labels.Of(("app", "web")) }),
            ProxyCluster.Service("web"),
            cluster.Pod("web", 1));

        var fault = Assert.Single(faults);
        Assert.Equal(SocketError.AddressAlreadyInUse, fault.Error);
        Assert.StartsWith($"Service default/blocked:main/TCP: cannot listen on {taken}/TCP: AddressAlreadyInUse", fault.Message, StringComparison.Ordinal);
        Assert.Contains($"another socket already listens on {taken} (TCP)", fault.Message, StringComparison.Ordinal);
        Assert.Equal("pod-1", await WhoAnswersAsync(cluster.ClusterEndPoint("web")));
        Assert.Equal([fault], cluster.Proxy.Faults);

        blocker.Dispose();
        cluster.Put(cluster.Pod("web", 2)); // any table change retries the bind

        Assert.Empty(cluster.Proxy.Faults);
        Assert.Equal("pod-1", await WhoAnswersAsync(taken));
        Assert.Single(faults);
    }

    [Fact]
    public void Bind_APrivilegedPortRefusalNamesTheFix()
    {
        var fault = ListenSockets.Fault("shop/web:http/TCP", new IPEndPoint(IPAddress.Parse("127.2.0.10"), 80), ProxyProtocol.Tcp, new SocketException((int)SocketError.AccessDenied));

        Assert.StartsWith("Service shop/web:http/TCP: cannot listen on 127.2.0.10:80/TCP: AccessDenied", fault.Message, StringComparison.Ordinal);
        Assert.Contains("ports below 1024 need privilege: grant it with `sudo setcap cap_net_bind_service=+ep", fault.Message, StringComparison.Ordinal);
        Assert.EndsWith("Other listeners keep running.", fault.Message, StringComparison.Ordinal);
    }

    private static async Task<(int Echoes, int Errors)> KeepEchoingAsync(IPEndPoint frontend, CancellationToken stop)
    {
        using var socket = await ConnectAsync(frontend, cancellation: Timeout());
        await ReadLineAsync(socket, Timeout());
        var (echoes, errors) = (0, 0);
        while (!stop.IsCancellationRequested)
        {
            var payload = Encoding.ASCII.GetBytes($"echo {echoes}");
            if ((await EchoAsync(socket, payload)).SequenceEqual(payload))
            {
                echoes++;
            }
            else
            {
                errors++;
            }
        }

        return (echoes, errors);
    }

    private static async Task<(int Connections, int Errors)> KeepConnectingAsync(IPEndPoint frontend, CancellationToken stop)
    {
        var (connections, errors) = (0, 0);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                Assert.Equal("steady", await WhoAnswersAsync(frontend));
                connections++;
            }
            catch (Exception error) when (error is SocketException or IOException)
            {
                errors++;
            }
        }

        return (connections, errors);
    }
}

/// <summary><see cref="ListenerLifecycleTests"/> on the epoll transport.</summary>
public sealed class ListenerLifecycleTestsOnEpoll() : ListenerLifecycleTests(TcpTransport.Epoll);

/// <summary><see cref="ListenerLifecycleTests"/> on the portable transport.</summary>
public sealed class ListenerLifecycleTestsOnSockets() : ListenerLifecycleTests(TcpTransport.Sockets);
