using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using RoutingCore.AspNetCore.Tests.Infrastructure;
using RoutingCore.Model;
using static RoutingCore.AspNetCore.Tests.Infrastructure.Cluster;

namespace RoutingCore.AspNetCore.Tests.Diagnostics;

/// <summary>The meter <c>RoutingCore</c>: requests, durations, connect failures, retries and ejections.</summary>
public sealed class MetricsTests
{
    [Fact]
    public async Task MeterCountsRequestsConnectFailuresRetriesAndEjections()
    {
        int refusing;
        using (var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            refusing = ((IPEndPoint)socket.LocalEndPoint!).Port;
        }

        await using var live = await TestBackend.StartAsync("live");
        await using var proxy = await ProxyHost.StartAsync();
        proxy.Apply([.. ServiceWith("svc", live.Port, refusing), Ingress("i", [Rule("m.example", Path(PathTypes.Prefix, "/", "svc"))])]);
        var factory = proxy.Services.GetRequiredService<IMeterFactory>();
        var sums = new ConcurrentDictionary<string, double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "RoutingCore" && instrument.Meter.Scope == factory)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            sums.AddOrUpdate(Key(instrument.Name, tags), value, (_, sum) => sum + value));
        listener.SetMeasurementEventCallback<double>((instrument, _, tags, _) =>
            sums.AddOrUpdate(Key(instrument.Name, tags), 1, (_, count) => count + 1));
        listener.Start();
        using var client = proxy.Client();

        for (var i = 0; i < 20; i++)
        {
            using var response = await client.GetAsync("http://m.example/");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        using (var missing = await client.GetAsync("http://nowhere.example/"))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        Assert.Equal(20, sums["routingcore.proxy.requests ingress=default/i service=default/svc:80 status_class=2xx"]);
        Assert.Equal(20, sums["routingcore.proxy.request.duration ingress=default/i service=default/svc:80 status_class=2xx"]);
        Assert.Equal(1, sums["routingcore.proxy.requests ingress=- service=- status_class=4xx"]);
        var failures = sums["routingcore.proxy.upstream.connect_failures service=default/svc:80"];
        Assert.InRange(failures, 5, 10);
        Assert.Equal(failures, sums["routingcore.proxy.retries service=default/svc:80"]);
        Assert.Equal(1, sums["routingcore.proxy.ejections service=default/svc:80"]);
    }

    private static string Key(string name, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var parts = new List<string>();
        foreach (var tag in tags)
        {
            parts.Add($"{tag.Key}={tag.Value}");
        }

        return name + " " + string.Join(' ', parts);
    }
}
