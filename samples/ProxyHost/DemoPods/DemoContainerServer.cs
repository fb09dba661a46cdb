using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace RoutingCore.ProxyHost.DemoPods;

/// <summary>
/// One demo container served in-process by Kestrel on the pod's IP: the ingress-conformance echoserver (every request
/// answered with JSON describing it, <c>/health</c> answering OK), the nginx welcome page, or ingress-nginx's default backend.
/// </summary>
internal sealed class DemoContainerServer : IDemoServer
{
    private const string NginxWelcome = """
        <!DOCTYPE html>
        <html>
        <head>
        <title>Welcome to nginx!</title>
        <style>
        html { color-scheme: light dark; }
        body { width: 35em; margin: 0 auto;
        font-family: Tahoma, Verdana, Arial, sans-serif; }
        </style>
        </head>
        <body>
        <h1>Welcome to nginx!</h1>
        <p>If you see this page, the nginx web server is successfully installed and
        working. Further configuration is required.</p>

        <p>For online documentation and support please refer to
        <a href="http://nginx.org/">nginx.org</a>.<br/>
        Commercial support is available at
        <a href="http://nginx.com/">nginx.com</a>.</p>

        <p><em>Thank you for using nginx.</em></p>
        </body>
        </html>

        """;

    private readonly WebApplication _app;

    private DemoContainerServer(WebApplication app, IPEndPoint endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    /// <summary>Where the container listens.</summary>
    public IPEndPoint Endpoint { get; }

    /// <summary>Starts the container's server; throws when the address cannot be bound.</summary>
    public static async Task<DemoContainerServer> StartAsync(DemoImageKind kind, IPEndPoint endpoint, IReadOnlyDictionary<string, string> env, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(endpoint));
        var app = builder.Build();
        if (kind == DemoImageKind.DefaultBackend)
        {
            app.Run(context =>
            {
                var health = context.Request.Path == "/healthz";
                context.Response.StatusCode = health ? 200 : 404;
                context.Response.ContentType = "text/plain";
                return context.Response.WriteAsync(health ? "ok" : "default backend - 404", context.RequestAborted);
            });
        }
        else if (kind == DemoImageKind.Nginx)
        {
            app.Run(context =>
            {
                context.Response.ContentType = "text/html";
                context.Response.Headers.Server = "nginx";
                return context.Response.WriteAsync(NginxWelcome, context.RequestAborted);
            });
        }
        else
        {
            app.Run(context => EchoAsync(context, env));
        }

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return new DemoContainerServer(app, endpoint);
    }

    /// <summary>The echoserver contract of the Kubernetes ingress conformance tests.</summary>
    private static async Task EchoAsync(HttpContext context, IReadOnlyDictionary<string, string> env)
    {
        if (context.Request.Path == "/health")
        {
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync("OK", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        // Read the whole request first, as a server that answers about the request must (and so that a slow upload is
        // an in-flight request until its last byte).
        await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted).ConfigureAwait(false);

        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("path", context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path + context.Request.QueryString);
            json.WriteString("host", context.Request.Host.Value);
            json.WriteString("method", context.Request.Method);
            json.WriteString("proto", context.Request.Protocol);
            json.WriteStartObject("headers");
            foreach (var (name, values) in context.Request.Headers.OrderBy(h => h.Key, StringComparer.OrdinalIgnoreCase))
            {
                json.WriteStartArray(name);
                foreach (var value in values)
                {
                    json.WriteStringValue(value);
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
            foreach (var (field, variable) in (ReadOnlySpan<(string, string)>)[("namespace", "NAMESPACE"), ("ingress", "INGRESS_NAME"), ("service", "SERVICE_NAME"), ("pod", "POD_NAME")])
            {
                json.WriteString(field, env.GetValueOrDefault(variable, ""));
            }

            json.WriteEndObject();
        }

        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Stops accepting and lets in-flight requests finish within <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        using var timeout = new CancellationTokenSource(grace);
        await _app.StopAsync(timeout.Token).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync().ConfigureAwait(false);
}
