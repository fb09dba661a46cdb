using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RoutingCore.AspNetCore.Diagnostics;
using RoutingCore.AspNetCore.Proxy;
using RoutingCore.AspNetCore.Tls;
using RoutingCore.Routing;
using RoutingCore.State;

namespace RoutingCore.AspNetCore.Hosting;

/// <summary>Registers the RoutingCore Ingress proxy.</summary>
public static class RoutingCoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers the store (a new <see cref="ClusterState"/> built from <see cref="RoutingCoreProxyOptions.ClusterState"/>,
    /// unless one is already registered), the Ingress controller, the proxy (<see cref="RoutingCoreProxy"/>), YARP's
    /// forwarder, the metrics and the Kestrel limits. Put the proxy in the pipeline with
    /// <see cref="RoutingCoreApplicationBuilderExtensions.UseRoutingCore"/> or <see cref="RoutingCoreApplicationBuilderExtensions.MapRoutingCore"/>.
    /// </summary>
    /// <example>
    /// <code>
    /// builder.Services.AddRoutingCore(options =&gt;
    /// {
    ///     options.Ingress = options.Ingress with { WatchIngressWithoutClass = true };
    ///     options.ConfigMapNamespace = "ingress";
    ///     options.ConfigMapName = "routingcore-controller";
    /// });
    /// builder.WebHost.ConfigureKestrel(k =&gt; k.ListenAnyIP(443, listen =&gt; listen.UseRoutingCoreHttps()));
    /// var app = builder.Build();
    /// app.UseRoutingCore();
    /// </code>
    /// </example>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddRoutingCore(this IServiceCollection services, Action<RoutingCoreProxyOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<RoutingCoreProxyOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new ClusterState(sp.GetRequiredService<IOptions<RoutingCoreProxyOptions>>().Value.ClusterState));
        services.TryAddSingleton(sp => IngressController.AddTo(sp.GetRequiredService<ClusterState>(), sp.GetRequiredService<IOptions<RoutingCoreProxyOptions>>().Value.Ingress));
        services.TryAddSingleton<RoutingCoreProxy>();
        services.AddHttpForwarder();
        services.AddMetrics();
        services.TryAddSingleton<ProxyMetrics>();
        services.TryAddSingleton<UpstreamInvoker>();
        services.TryAddSingleton<UpstreamForwarder>();
        services.TryAddSingleton<IngressProxy>();
        services.TryAddSingleton<CertificateSelector>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<KestrelServerOptions>, KestrelSetup>());
        services.AddHostedService<ControllerLoop>();
        return services;
    }

    /// <summary>
    /// Registers the proxy over an existing store: <paramref name="state"/> is used instead of a new one, and the
    /// application keeps writing Ingresses, Services and EndpointSlices to it.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="state">The store to route from.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddRoutingCore(this IServiceCollection services, ClusterState state, Action<RoutingCoreProxyOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(state);
        services.TryAddSingleton(state);
        return services.AddRoutingCore(configure);
    }
}
