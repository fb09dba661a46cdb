using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using RoutingCore.Model;
using static RoutingCore.Sockets.Tests.Client;

namespace RoutingCore.Sockets.Tests;

/// <summary>UDP through real loopback sockets: request/response, flow expiry, re-pinning, the flow table bound.</summary>
public sealed class UdpProxyTests
{
    [Fact]
    public async Task Udp_RequestsAndResponsesFlowPerClient()
    {
        await using var cluster = ProxyCluster.Start();
        await using var pod = UdpBackend.Start(cluster.PodEndPoint(1), "pod-1");
        cluster.Put(ProxyCluster.Service("dns", protocol: "UDP"), cluster.Pod("dns", 1));
        var frontend = cluster.ClusterEndPoint("dns");
        using var a = new UdpClientSocket(frontend, cluster.Plan.Client(1));
        using var b = new UdpClientSocket(frontend, cluster.Plan.Client(2));

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal($"pod-1:a{i}", await a.AskAsync($"a{i}"));
            Assert.Equal($"pod-1:b{i}", await b.AskAsync($"b{i}"));
        }

        Assert.Equal(2, cluster.Proxy.UdpFlows);
        Assert.Equal(2, pod.Sources.Distinct().Count()); // one upstream socket per client flow
    }

    [Fact]
    public async Task Udp_AnIdleFlowExpiresAndTheNextDatagramOpensANewOne()
    {
        await using var cluster = ProxyCluster.Start(new SocketProxyOptions { UdpIdleTimeout = TimeSpan.FromSeconds(30) });
        await using var pod = UdpBackend.Start(cluster.PodEndPoint(1), "pod-1");
        cluster.Put(ProxyCluster.Service("dns", protocol: "UDP"), cluster.Pod("dns", 1));
        using var client = new UdpClientSocket(cluster.ClusterEndPoint("dns"), cluster.Plan.Client(1));
        var expired = new TaskCompletionSource<UdpFlowEnd>(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.Proxy.FlowEnded += end => expired.TrySetResult(end);

        Assert.Equal("pod-1:one", await client.AskAsync("one"));
        cluster.Time.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal("pod-1:two", await client.AskAsync("two")); // activity keeps the flow
        cluster.Time.Advance(TimeSpan.FromSeconds(20));
        Assert.False(expired.Task.IsCompleted);
        Assert.Equal(1, cluster.Proxy.UdpFlows);

        cluster.Time.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal(UdpFlowEnd.Idle, await expired.Task.WaitAsync(Timeout()));
        Assert.Equal(0, cluster.Proxy.UdpFlows);

        Assert.Equal("pod-1:three", await client.AskAsync("three"));
        var sources = pod.Sources;
        Assert.Equal(sources[0], sources[1]);
        Assert.NotEqual(sources[1], sources[2]); // a new flow, a new upstream socket
    }

    [Fact]
    public async Task Udp_AFlowIsRepinnedWhenItsEndpointGoesAway()
    {
        await using var cluster = ProxyCluster.Start();
        await using var a = UdpBackend.Start(cluster.PodEndPoint(1), "pod-1");
        await using var b = UdpBackend.Start(cluster.PodEndPoint(2), "pod-2");
        cluster.Put(ProxyCluster.Service("dns", protocol: "UDP"), cluster.Pod("dns", 1), cluster.Pod("dns", 2));
        using var client = new UdpClientSocket(cluster.ClusterEndPoint("dns"), cluster.Plan.Client(1));
        var first = (await client.AskAsync("x")).Split(':')[0];
        Assert.Equal($"{first}:y", await client.AskAsync("y")); // pinned

        var repinned = new TaskCompletionSource<UdpFlowEnd>(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.Proxy.FlowEnded += end => repinned.TrySetResult(end);
        cluster.State.Delete<Pod>("default", first == "pod-1" ? "dns-1" : "dns-2");
        cluster.State.Sync();

        Assert.Equal(UdpFlowEnd.Repinned, await repinned.Task.WaitAsync(Timeout()));
        var other = first == "pod-1" ? "pod-2" : "pod-1";
        Assert.Equal($"{other}:z", await client.AskAsync("z"));
    }

    [Fact]
    public async Task Udp_TheFlowTableIsBounded_NewClientsAreDroppedWhileItIsFull()
    {
        await using var cluster = ProxyCluster.Start(new SocketProxyOptions { MaxUdpFlows = 2 });
        await using var pod = UdpBackend.Start(cluster.PodEndPoint(1), "pod-1");
        cluster.Put(ProxyCluster.Service("dns", protocol: "UDP"), cluster.Pod("dns", 1));
        var frontend = cluster.ClusterEndPoint("dns");
        var dropped = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, cluster.Proxy.Meter) && instrument.Name == "routingcore.l4.refused")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "routingcore.reason")
                {
                    dropped.TrySetResult((string)tag.Value!);
                }
            }
        });
        listener.Start();
        using var a = new UdpClientSocket(frontend, cluster.Plan.Client(1));
        using var b = new UdpClientSocket(frontend, cluster.Plan.Client(2));
        using var c = new UdpClientSocket(frontend, cluster.Plan.Client(3));

        Assert.Equal("pod-1:a", await a.AskAsync("a"));
        Assert.Equal("pod-1:b", await b.AskAsync("b"));
        await c.SendAsync("c");

        Assert.Equal("flow_table_full", await dropped.Task.WaitAsync(Timeout()));
        Assert.Equal(2, cluster.Proxy.UdpFlows);
        Assert.Equal("pod-1:a2", await a.AskAsync("a2")); // existing flows carry on
        Assert.DoesNotContain(pod.Sources, s => s.Address.Equals(cluster.Plan.Client(3)));
    }

    [Fact]
    public async Task AFF_1_UdpFlowsOfOneClientStayWithOneEndpoint()
    {
        await using var cluster = ProxyCluster.Start();
        await using var pods = Group.Of(Enumerable.Range(1, 3).Select(i => UdpBackend.Start(cluster.PodEndPoint(i), $"pod-{i}")).ToList());
        cluster.Put([ProxyCluster.Service("dns", protocol: "UDP", edit: Affinity), .. Enumerable.Range(1, 3).Select(i => cluster.Pod("dns", i))]);
        var frontend = cluster.ClusterEndPoint("dns");
        var answers = new ConcurrentBag<string>();

        for (var i = 0; i < 8; i++)
        {
            using var client = new UdpClientSocket(frontend, cluster.Plan.Client(1)); // new source port each time
            answers.Add((await client.AskAsync("q")).Split(':')[0]);
        }

        Assert.Single(answers.Distinct());
    }

    private static ServiceSpec Affinity(ServiceSpec spec) =>
        spec with { SessionAffinity = ServicePolicies.ClientIP, SessionAffinityConfig = new SessionAffinityConfig(new ClientIPConfig(600)) };
}
