using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RoutingCore.State;

namespace RoutingCore.AspNetCore.Hosting;

/// <summary>
/// Attaches the proxy to the store when the host starts and, when <see cref="RoutingCoreProxyOptions.RunControllers"/>
/// asks for it, runs the store's controllers until the host stops, so that writes to the store reach the routing table.
/// </summary>
internal sealed class ControllerLoop(IServiceProvider services) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _ = services.GetRequiredService<RoutingCoreProxy>();
        if (!services.GetRequiredService<IOptions<RoutingCoreProxyOptions>>().Value.RunControllers)
        {
            return Task.CompletedTask;
        }

        var state = services.GetRequiredService<ClusterState>();
        state.Sync();
        return state.RunControllersAsync(stoppingToken);
    }
}
