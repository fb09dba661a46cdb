using RoutingCore.Model;
using RoutingCore.Proxying;
using static RoutingCore.Sockets.Tests.Client;

namespace RoutingCore.Sockets.Tests;

/// <summary>Session affinity and source ranges on real sockets, with clients bound to chosen loopback sources.</summary>
public abstract class PolicySocketTests(TcpTransport transport) : TransportTests(transport)
{
    [Fact]
    public async Task AFF_1_EachClientAddressStaysWithItsEndpoint()
    {
        await using var cluster = StartCluster();
        await using var pods = Group.Of(Enumerable.Range(1, 3).Select(i => TcpBackend.Start(cluster.PodEndPoint(i), $"pod-{i}")).ToList());
        cluster.Put([ProxyCluster.Service("web", edit: Affinity), .. Enumerable.Range(1, 3).Select(i => cluster.Pod("web", i))]);
        var frontend = cluster.ClusterEndPoint("web");

        var placements = new Dictionary<int, HashSet<string>>();
        for (var client = 1; client <= 6; client++)
        {
            placements[client] = [];
            for (var i = 0; i < 8; i++)
            {
                placements[client].Add(await WhoAnswersAsync(frontend, cluster.Plan.Client(client)));
            }
        }

        Assert.All(placements.Values, answers => Assert.Single(answers));
        Assert.True(placements.Values.Select(a => a.Single()).Distinct().Count() > 1, "6 clients over 3 endpoints all on one: probability 3^-5");
    }

    [Fact]
    public async Task AFF_2_AfterTheTimeoutAClientMayMove()
    {
        await using var cluster = StartCluster();
        await using var pods = Group.Of(Enumerable.Range(1, 3).Select(i => TcpBackend.Start(cluster.PodEndPoint(i), $"pod-{i}")).ToList());
        cluster.Put([ProxyCluster.Service("web", edit: Affinity), .. Enumerable.Range(1, 3).Select(i => cluster.Pod("web", i))]);
        var frontend = cluster.ClusterEndPoint("web");

        var seen = new HashSet<string>();
        for (var i = 0; i < 20; i++)
        {
            seen.Add(await WhoAnswersAsync(frontend, cluster.Plan.Client(1)));
            cluster.Time.Advance(TimeSpan.FromSeconds(601));
        }

        Assert.True(seen.Count > 1, "20 fresh random placements over 3 endpoints all equal: probability 3^-19");
    }

    [Fact]
    public async Task PX_9_TheLoadBalancerAddressRefusesClientsOutsideTheSourceRanges()
    {
        await using var cluster = StartCluster();
        await using var pod = TcpBackend.Start(cluster.PodEndPoint(1), "pod-1");
        cluster.Put(
            ProxyCluster.Service("web", type: ServiceTypes.LoadBalancer, edit: s => s with { LoadBalancerSourceRanges = [$"127.{cluster.Plan.Octet}.8.0/24"] }),
            cluster.Pod("web", 1));
        var lb = cluster.LoadBalancerEndPoint("web");

        Assert.Equal("pod-1", await WhoAnswersAsync(lb, cluster.Plan.Allowed(7)));
        Assert.Equal("reset", await RefusalAsync(lb, cluster.Plan.Client(7)));
        Assert.Equal("pod-1", await WhoAnswersAsync(cluster.ClusterEndPoint("web"), cluster.Plan.Client(7))); // ranges guard the LB address only
        Assert.Equal(2, pod.AcceptedCount);
    }

    [Fact]
    public async Task PX_5_ANodePortWithLocalPolicyServesOnlyThatNodesEndpoints()
    {
        await using var cluster = StartCluster();
        await using var a = TcpBackend.Start(cluster.PodEndPoint(1), "pod-1");
        cluster.Put(
            ProxyCluster.Service("web", type: ServiceTypes.NodePort, edit: s => s with { ExternalTrafficPolicy = ServicePolicies.Local }),
            cluster.Pod("web", 1, node: "node-1"));
        var nodePort = cluster.Stored("web").Spec.Ports[0].NodePort;

        Assert.Equal("pod-1", await WhoAnswersAsync(new(cluster.Plan.Node1, nodePort)));
        Assert.Equal("reset", await RefusalAsync(new(cluster.Plan.Node2, nodePort))); // Dropped: no endpoint on node-2
    }

    [Fact]
    public async Task PX_11_TheHealthCheckNodePortAnswers200WhereEndpointsAreLocalAnd503Elsewhere()
    {
        await using var cluster = StartCluster();
        await using var a = TcpBackend.Start(cluster.PodEndPoint(1), "pod-1");
        cluster.Put(
            ProxyCluster.Service("web", type: ServiceTypes.LoadBalancer, edit: s => s with { ExternalTrafficPolicy = ServicePolicies.Local }),
            cluster.Pod("web", 1, node: "node-1"));
        var port = cluster.Stored("web").Spec.HealthCheckNodePort;

        var healthy = await GetAsync(new(cluster.Plan.Node1, port));
        var unhealthy = await GetAsync(new(cluster.Plan.Node2, port));

        Assert.StartsWith("HTTP/1.1 200 OK\r\n", healthy, StringComparison.Ordinal);
        Assert.EndsWith("\r\n\r\n{\"service\":{\"namespace\":\"default\",\"name\":\"web\"},\"localEndpoints\":1,\"serviceProxyHealthy\":true}", healthy, StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 503 Service Unavailable\r\n", unhealthy, StringComparison.Ordinal);
        Assert.Contains("\"localEndpoints\":0", unhealthy, StringComparison.Ordinal);
    }

    private static async Task<string> GetAsync(System.Net.IPEndPoint at)
    {
        using var socket = await ConnectAsync(at);
        await socket.SendAsync("GET /healthz HTTP/1.1\r\nHost: lb\r\n\r\n"u8.ToArray());
        var response = new List<byte>();
        var buffer = new byte[4096];
        int read;
        while ((read = await socket.ReceiveAsync(buffer, System.Net.Sockets.SocketFlags.None, Timeout())) > 0)
        {
            response.AddRange(buffer.AsSpan(0, read).ToArray());
        }

        return System.Text.Encoding.ASCII.GetString([.. response]);
    }

    private static ServiceSpec Affinity(ServiceSpec spec) =>
        spec with { SessionAffinity = ServicePolicies.ClientIP, SessionAffinityConfig = new SessionAffinityConfig(new ClientIPConfig(600)) };
}

/// <summary><see cref="PolicySocketTests"/> on the epoll transport.</summary>
public sealed class PolicySocketTestsOnEpoll() : PolicySocketTests(TcpTransport.Epoll);

/// <summary><see cref="PolicySocketTests"/> on the portable transport.</summary>
public sealed class PolicySocketTestsOnSockets() : PolicySocketTests(TcpTransport.Sockets);
