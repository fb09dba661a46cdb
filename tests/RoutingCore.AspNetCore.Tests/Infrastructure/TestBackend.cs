using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RoutingCore.AspNetCore.Tests.Infrastructure;

/// <summary>What a backend saw of one request.</summary>
internal sealed record SeenRequest(string Method, string Target, string Protocol, IReadOnlyDictionary<string, string> Headers);

/// <summary>
/// A real Kestrel backend on 127.0.0.1 and a port the OS chose. By default it answers <c>name path?query</c> as text;
/// every request it sees is recorded. Dispose stops it.
/// </summary>
internal sealed class TestBackend : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestBackend(WebApplication app, string name)
    {
        _app = app;
        Name = name;
    }

    public string Name { get; }

    public int Port { get; private set; }

    public ConcurrentQueue<SeenRequest> Seen { get; } = new();

    public static async Task<TestBackend> StartAsync(string name, RequestDelegate? handler = null, HttpProtocols protocols = HttpProtocols.Http1AndHttp2,
        Action<WebApplication>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = null;
            k.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = protocols);
        });
        var app = builder.Build();
        var backend = new TestBackend(app, name);
        configure?.Invoke(app);
        app.Run(async context =>
        {
            var request = context.Request;
            backend.Seen.Enqueue(new SeenRequest(request.Method, context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget, request.Protocol,
                request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
            if (handler is not null)
            {
                await handler(context);
                return;
            }

            var body = System.Text.Encoding.UTF8.GetBytes($"{name} {context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget}");
            context.Response.ContentType = "text/plain";
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body);
        });
        await app.StartAsync();
        backend.Port = PortOf(app, "http");
        return backend;
    }

    public static int PortOf(WebApplication app, string scheme)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        return new Uri(addresses.First(a => a.StartsWith(scheme + "://", StringComparison.Ordinal))).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
