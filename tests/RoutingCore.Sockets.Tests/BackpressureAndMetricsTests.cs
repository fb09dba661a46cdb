using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net.Sockets;
using static RoutingCore.Sockets.Tests.Client;

namespace RoutingCore.Sockets.Tests;

/// <summary>Backpressure through the relay, and the metrics it records.</summary>
public abstract class BackpressureAndMetricsTests(TcpTransport transport) : TransportTests(transport)
{
    [Fact]
    public async Task Backpressure_AnEndpointThatDoesNotReadStallsTheClientInsteadOfFillingTheProxy()
    {
        await using var cluster = StartCluster();
        var startReading = new TaskCompletionSource();
        var received = new TaskCompletionSource<long>();
        await using var pod = TcpBackend.Start(cluster.PodEndPoint(1), handler: async socket =>
        {
            await startReading.Task;
            received.SetResult((await BulkData.ReceiveAsync(socket, Timeout())).Bytes);
        });
        cluster.Put(ProxyCluster.Service("web"), cluster.Pod("web", 1));
        using var client = await ConnectAsync(cluster.ClusterEndPoint("web"));

        // Write without blocking until no more fits: the stall means every buffer on the way is full.
        client.Blocking = false;
        var chunk = new byte[64 * 1024];
        long written = 0;
        while (true)
        {
            try
            {
                written += client.Send(chunk);
            }
            catch (SocketException error) when (error.SocketErrorCode == SocketError.WouldBlock)
            {
                if (!client.Poll(TimeSpan.FromMilliseconds(500), SelectMode.SelectWrite))
                {
                    break; // no room for half a second: stalled
                }
            }

            Assert.True(written < 256L << 20, "more than 256 MiB accepted by a pipeline whose endpoint reads nothing");
        }

        client.Blocking = true;
        client.Shutdown(SocketShutdown.Send);
        startReading.SetResult();

        Assert.InRange(written, 64 * 1024, 64L << 20); // kernel buffers plus one relay buffer, far from unbounded
        Assert.Equal(written, await received.Task.WaitAsync(Timeout()));
    }

    [Fact]
    public async Task Metrics_ConnectionsBytesEachWayAndConnectFailuresAreCountedByService()
    {
        await using var cluster = StartCluster(proxyOptions: new() { Selection = Proxying.ProxySelectionMode.RoundRobin });
        await using var pod = TcpBackend.Start(cluster.PodEndPoint(2), "pod-2");
        var measurements = new ConcurrentQueue<(string Instrument, long Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, cluster.Proxy.Meter))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            measurements.Enqueue((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        listener.Start();
        cluster.Put(ProxyCluster.Service("web"), cluster.Pod("web", 1), cluster.Pod("web", 2)); // pod 1 refuses

        for (var i = 0; i < 4; i++)
        {
            using var client = await ConnectAsync(cluster.ClusterEndPoint("web"));
            Assert.Equal("pod-2", await ReadLineAsync(client));
            Assert.Equal(new byte[1000], await EchoAsync(client, new byte[1000]));
        }

        await cluster.DisposeAsync(); // every relay has ended once disposal returns

        long Sum(string name, string? direction = null) => measurements
            .Where(m => m.Instrument == name && (direction is null || Equals(m.Tags["routingcore.direction"], direction)))
            .Sum(m => m.Value);
        Assert.All(measurements, m => Assert.Equal(("default/web", "main", "tcp"), ((string)m.Tags["routingcore.service"]!, (string)m.Tags["routingcore.service.port"]!, (string)m.Tags["network.transport"]!)));
        Assert.Equal(4, Sum("routingcore.l4.connections"));
        Assert.Equal(0, Sum("routingcore.l4.connections.active"));
        Assert.Equal(4 * 1000, Sum("routingcore.l4.bytes", "upstream"));
        Assert.Equal(4 * (1000 + "pod-2\n".Length), Sum("routingcore.l4.bytes", "downstream"));
        var failures = measurements.Where(m => m.Instrument == "routingcore.l4.connect_failures").ToList();
        Assert.InRange(failures.Count, 3, 4); // round robin: after a refusal and a retry, pod 1 is next again
        Assert.All(failures, f => Assert.Equal("connection_refused", f.Tags["error.type"]));
    }
}

/// <summary><see cref="BackpressureAndMetricsTests"/> on the epoll transport.</summary>
public sealed class BackpressureAndMetricsTestsOnEpoll() : BackpressureAndMetricsTests(TcpTransport.Epoll);

/// <summary><see cref="BackpressureAndMetricsTests"/> on the portable transport.</summary>
public sealed class BackpressureAndMetricsTestsOnSockets() : BackpressureAndMetricsTests(TcpTransport.Sockets);
