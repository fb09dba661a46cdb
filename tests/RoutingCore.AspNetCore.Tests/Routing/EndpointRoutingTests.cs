using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RoutingCore.AspNetCore.Hosting;
using RoutingCore.AspNetCore.Tests.Infrastructure;
using RoutingCore.Model;
using static RoutingCore.AspNetCore.Tests.Infrastructure.Cluster;

namespace RoutingCore.AspNetCore.Tests.Routing;

/// <summary><c>MapRoutingCore</c>: the proxy as the lowest-precedence endpoint beside the application's own.</summary>
public sealed class EndpointRoutingTests
{
    [Fact]
    public async Task MapRoutingCoreLeavesTheApplicationsEndpointsFirst()
    {
        await using var backend = await TestBackend.StartAsync("b");
        var state = NewState();
        state.ApplyBatch([.. ServiceWith("b", backend.Port), Ingress("i", [Rule(null, Path(PathTypes.Prefix, "/", "b"))])]);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddRoutingCore(state, o => o.Ingress = o.Ingress with { WatchIngressWithoutClass = true });
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        await using var app = builder.Build();
        app.MapGet("/healthz", () => "healthy");
        app.MapRoutingCore();
        await app.StartAsync();
        state.Sync();
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{TestBackend.PortOf(app, "http")}") };

        var own = await client.GetStringAsync("/healthz");
        var proxied = await client.GetStringAsync("/orders/7?x=1");
        using var post = await client.PostAsync("/healthz", new StringContent("x"));

        Assert.Equal("healthy", own);
        Assert.Equal("b /orders/7?x=1", proxied);
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        await app.StopAsync();
    }
}
