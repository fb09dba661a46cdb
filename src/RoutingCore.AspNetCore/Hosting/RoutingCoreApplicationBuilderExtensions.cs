using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RoutingCore.AspNetCore.Proxy;

namespace RoutingCore.AspNetCore.Hosting;

/// <summary>Puts the RoutingCore Ingress proxy in an application's pipeline.</summary>
public static class RoutingCoreApplicationBuilderExtensions
{
    /// <summary>
    /// Ends the pipeline with the proxy: every request reaching this point is routed by the Ingress rules (unmatched
    /// ones get the default backend's 404). The fastest form: no endpoint routing runs first.
    /// </summary>
    /// <param name="app">The application.</param>
    /// <returns>The application.</returns>
    public static IApplicationBuilder UseRoutingCore(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var proxy = app.ApplicationServices.GetRequiredService<IngressProxy>();
        app.Run(proxy.InvokeAsync);
        return app;
    }

    /// <summary>
    /// Maps the proxy as a catch-all endpoint of the lowest precedence, so that the application's own endpoints are
    /// matched first and everything else is routed by the Ingress rules.
    /// </summary>
    /// <param name="endpoints">The endpoint route builder.</param>
    /// <returns>The endpoint's convention builder.</returns>
    public static IEndpointConventionBuilder MapRoutingCore(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var proxy = endpoints.ServiceProvider.GetRequiredService<IngressProxy>();
        var builder = endpoints.Map("/{**routingcore-path}", proxy.InvokeAsync);
        builder.Add(endpoint => ((RouteEndpointBuilder)endpoint).Order = int.MaxValue);
        return builder.WithDisplayName("RoutingCore Ingress proxy");
    }
}
