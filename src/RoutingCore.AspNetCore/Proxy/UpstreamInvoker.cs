using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using RoutingCore.AspNetCore.Hosting;
using Yarp.ReverseProxy.Forwarder;

namespace RoutingCore.AspNetCore.Proxy;

/// <summary>
/// The one <see cref="HttpMessageInvoker"/> every upstream request goes through: a <see cref="SocketsHttpHandler"/>
/// tuned for proxying (no proxy, redirects, decompression or cookies; pooled connections; several HTTP/2 connections
/// per endpoint) whose connect step enforces <c>proxy-connect-timeout</c> from the current snapshot. A connect that
/// times out fails as a connection error, like a refused one, so both are retried on another endpoint.
/// </summary>
internal sealed class UpstreamInvoker : IDisposable
{
    private readonly RoutingCoreProxy _proxy;

    public UpstreamInvoker(RoutingCoreProxy proxy)
    {
        _proxy = proxy;
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60),
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            ActivityHeadersPropagator = new ReverseProxyPropagator(DistributedContextPropagator.Current),
            ConnectCallback = ConnectAsync,
            SslOptions = new SslClientAuthenticationOptions
            {
                // As ingress-nginx (proxy-ssl-verify off): pod certificates are rarely issued for the pod's address.
#pragma warning disable CA5359 // Backend certificates are deliberately not validated; see the comment above.
                RemoteCertificateValidationCallback = static (_, _, _, _) => true,
#pragma warning restore CA5359
            },
        };
        Invoker = new HttpMessageInvoker(handler, disposeHandler: true);
    }

    /// <summary>The invoker to pass to YARP.</summary>
    public HttpMessageInvoker Invoker { get; }

    public void Dispose() => Invoker.Dispose();

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var timeout = _proxy.Current.Controller.ProxyConnectTimeout;
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await socket.ConnectAsync(context.DnsEndPoint, deadline.Token).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();

            // Not an OperationCanceledException: the handler reports it as a connection error, which is retried.
            throw new TimeoutException($"Connecting to {context.DnsEndPoint.Host}:{context.DnsEndPoint.Port} took longer than {timeout.TotalSeconds:0.###} s (proxy-connect-timeout).");
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
