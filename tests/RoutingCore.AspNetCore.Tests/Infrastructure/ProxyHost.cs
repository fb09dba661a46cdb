using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RoutingCore.AspNetCore.Hosting;
using RoutingCore.Model;
using RoutingCore.State;

namespace RoutingCore.AspNetCore.Tests.Infrastructure;

/// <summary>
/// The proxy under test: a real Kestrel host on 127.0.0.1 with an HTTP and an HTTPS endpoint (ports chosen by the OS)
/// running <c>AddRoutingCore</c> + <c>UseRoutingCore</c> over a store the test writes to. Dispose stops it.
/// </summary>
internal sealed class ProxyHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ProxyHost(WebApplication app, ClusterState state)
    {
        _app = app;
        State = state;
        Proxy = app.Services.GetRequiredService<RoutingCoreProxy>();
    }

    public ClusterState State { get; }

    public RoutingCoreProxy Proxy { get; }

    public IServiceProvider Services => _app.Services;

    public int HttpPort { get; private set; }

    public int HttpsPort { get; private set; }

    /// <summary>The certificate the last TLS handshake of a <see cref="Client"/> was shown.</summary>
    public X509Certificate2? LastServerCertificate { get; private set; }

    public static async Task<ProxyHost> StartAsync(Action<RoutingCoreProxyOptions>? configure = null, ClusterState? state = null)
    {
        state ??= Cluster.NewState();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddRoutingCore(state, options =>
        {
            options.Ingress = options.Ingress with { WatchIngressWithoutClass = true };
            options.RunControllers = false;
            configure?.Invoke(options);
        });
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0);
            k.Listen(IPAddress.Loopback, 0, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseRoutingCoreHttps();
            });
        });
        var app = builder.Build();
        app.UseRoutingCore();
        var host = new ProxyHost(app, state);
        await app.StartAsync();
        host.HttpPort = TestBackend.PortOf(app, "http");
        host.HttpsPort = TestBackend.PortOf(app, "https");
        return host;
    }

    /// <summary>Writes the objects and settles every controller, so the next request sees them.</summary>
    public void Apply(params IEnumerable<KubeObject> objects)
    {
        State.ApplyBatch(objects);
        State.Sync();
    }

    /// <summary>
    /// An HttpClient that reaches the proxy whatever host a URI names: http URIs go to the HTTP port, https ones to the
    /// HTTPS port with the URI's host as SNI; every server certificate is accepted and remembered.
    /// </summary>
    public HttpClient Client(Version? version = null, Action<SocketsHttpHandler>? configure = null)
    {
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var port = context.InitialRequestMessage.RequestUri!.Scheme == "https" ? HttpsPort : HttpPort;
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    LastServerCertificate = certificate is null ? null : new X509Certificate2(certificate);
                    return true;
                },
            },
        };
        configure?.Invoke(handler);
        return new HttpClient(handler)
        {
            Timeout = TimeSpan.FromSeconds(60),
            DefaultRequestVersion = version ?? HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
    }

    /// <summary>Sends raw bytes on a new HTTP connection and returns the whole response (the request should say Connection: close).</summary>
    public async Task<string> RawAsync(string request)
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, HttpPort));
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        return await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Like <see cref="RawAsync"/> over TLS with <paramref name="sni"/> as the server name; records the certificate.</summary>
    public async Task<string> RawTlsAsync(string sni, string request)
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, HttpsPort));
        await using var tls = new SslStream(new NetworkStream(socket, ownsSocket: false));
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = sni,
            RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            {
                LastServerCertificate = certificate is null ? null : new X509Certificate2(certificate);
                return true;
            },
        });
        await tls.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(tls, Encoding.ASCII);
        return await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
