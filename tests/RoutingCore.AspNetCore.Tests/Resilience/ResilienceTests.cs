using System.Net;
using System.Net.Sockets;
using RoutingCore.AspNetCore.Tests.Infrastructure;
using RoutingCore.Balancing;
using RoutingCore.Model;
using static RoutingCore.AspNetCore.Tests.Infrastructure.Cluster;

namespace RoutingCore.AspNetCore.Tests.Resilience;

/// <summary>Retries, passive health, upstream timeouts and snapshot swaps under load (issue 6 item 3, M-3).</summary>
public sealed class ResilienceTests
{
    [Fact]
    public async Task ZeroFailedRequestsWhileOneOfTwoEndpointsRefusesConnections()
    {
        var refusing = RefusingPort();
        await using var live = await TestBackend.StartAsync("live");
        await using var proxy = await ProxyHost.StartAsync();
        proxy.Apply([.. ServiceWith("svc", live.Port, refusing), Ingress("i", [Rule("r.example", Path(PathTypes.Prefix, "/", "svc"))])]);
        using var client = proxy.Client();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 200; i++)
        {
            // Every fourth request is a POST with a body: a failed connect never sent it, so it is retried too.
            using var request = i % 4 == 3
                ? new HttpRequestMessage(HttpMethod.Post, $"http://r.example/{i}") { Content = new StringContent("payload " + i) }
                : new HttpRequestMessage(HttpMethod.Get, $"http://r.example/{i}");
            using var response = await client.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(200, live.Seen.Count);
        var registry = proxy.Proxy.Current.Routing.Route("r.example", "/").Target.Service!.Endpoints!.Registry;
        Assert.True(registry.TryGetHealth(new EndpointKey("127.0.0.1", refusing), out var health));
        Assert.True(health.Ejections >= 1, "the refusing endpoint was ejected by passive health");
    }

    [Fact]
    public async Task OnlyRefusingEndpointsAnswer502AfterTwoRetries()
    {
        int[] refusing = [RefusingPort(), RefusingPort(), RefusingPort(), RefusingPort()];
        await using var proxy = await ProxyHost.StartAsync();
        proxy.Apply([.. ServiceWith("svc", refusing), Ingress("i", [Rule("r.example", Path(PathTypes.Prefix, "/", "svc"))])]);
        using var client = proxy.Client();

        using var response = await client.GetAsync("http://r.example/");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var registry = proxy.Proxy.Current.Routing.Route("r.example", "/").Target.Service!.Endpoints!.Registry;
        var attempted = refusing.Count(port => registry.TryGetHealth(new EndpointKey("127.0.0.1", port), out var h) && h.ConsecutiveFailures == 1);
        Assert.Equal(3, attempted); // the first try and two retries, each on another endpoint
    }

    [Fact]
    public async Task UpstreamTimeoutAnswers504()
    {
        await using var slow = await TestBackend.StartAsync("slow", context => Task.Delay(Timeout.Infinite, context.RequestAborted));
        await using var proxy = await ProxyHost.StartAsync();
        proxy.Apply([
            .. ServiceWith("slow", slow.Port),
            Ingress("i", [Rule("s.example", Path(PathTypes.Prefix, "/", "slow"))], annotations: [("proxy-read-timeout", "300ms"), ("proxy-send-timeout", "300ms")]),
        ]);
        using var client = proxy.Client();

        using var response = await client.GetAsync("http://s.example/");

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
    }

    [Fact]
    public async Task M3_HundredSnapshotSwapsDuring20000RequestsWithZeroFailures()
    {
        const int total = 20_000, swaps = 100, workers = 8;
        await using var a = await TestBackend.StartAsync("a");
        await using var b = await TestBackend.StartAsync("b");
        await using var proxy = await ProxyHost.StartAsync();
        proxy.Apply([.. ServiceWith("svc-a", a.Port), .. ServiceWith("svc-b", b.Port), Ingress("i", [Rule("x.example", Path(PathTypes.Prefix, "/", "svc-a"))])]);
        var published = 0;
        proxy.Proxy.SnapshotPublished += (_, _) => Interlocked.Increment(ref published);
        using var client = proxy.Client(configure: h => h.MaxConnectionsPerServer = workers);
        var completed = 0;
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();

        var load = Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            for (var i = w; i < total; i += workers)
            {
                using var response = await client.GetAsync($"http://x.example/{i}");
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.OK || !(body.StartsWith("a ", StringComparison.Ordinal) || body.StartsWith("b ", StringComparison.Ordinal)))
                {
                    failures.Add($"{i}: {(int)response.StatusCode} {body}");
                }

                Interlocked.Increment(ref completed);
            }
        })).ToArray();

        // Swap as the load progresses (every 150 completed requests), alternating what changes: the Ingress's backend,
        // then the endpoints behind it.
        for (var s = 0; s < swaps; s++)
        {
            while (Volatile.Read(ref completed) < (s + 1) * 150)
            {
                await Task.Yield();
            }

            var target = s % 4 < 2 ? "svc-b" : "svc-a";
            proxy.Apply(s % 2 == 0
                ? Ingress("i", [Rule("x.example", Path(PathTypes.Prefix, "/", target))], annotations: [("proxy-body-size", $"{s + 1}m")])
                : Slice("svc-a", "svc-a-extra", s % 4 == 1 ? b.Port : a.Port));
        }

        await Task.WhenAll(load);

        Assert.Empty(failures);
        Assert.Equal(total, completed);
        Assert.True(published >= swaps, $"{published} snapshots published");
        Assert.True(a.Seen.Count > 1000 && b.Seen.Count > 1000, $"a {a.Seen.Count}, b {b.Seen.Count}");
    }

    /// <summary>A loopback port nothing listens on: bound by the OS, then released.</summary>
    private static int RefusingPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
