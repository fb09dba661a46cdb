using System.Net.Security;
using System.Runtime.CompilerServices;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using RoutingCore.AspNetCore.Hosting;

namespace RoutingCore.AspNetCore.Tls;

/// <summary>
/// Kestrel's per-connection TLS callback: the certificate for the client's SNI comes from the current snapshot's TLS
/// table (ING-T2: exact host, one-label wildcard, host-less entry), else the default certificate; the protocols come
/// from <c>ssl-protocols</c>. Both follow every snapshot swap, so a renewed Secret or a new Ingress takes effect for
/// the next handshake without a restart. A broken Secret only sends its own hosts to the default certificate.
/// </summary>
internal sealed class CertificateSelector
{
    private readonly RoutingCoreProxy _proxy;
    private readonly ConditionalWeakTable<X509Certificate2, SslStreamCertificateContext> _contexts = [];

    public CertificateSelector(RoutingCoreProxy proxy, TimeProvider time)
    {
        _proxy = proxy;
        DefaultCertificate = proxy.Options.DefaultCertificate ?? Tls.DefaultCertificate.Generate(time);
    }

    /// <summary>The certificate for names nothing else covers.</summary>
    public X509Certificate2 DefaultCertificate { get; }

    /// <summary>The certificate for <paramref name="serverName"/> in the current snapshot.</summary>
    public X509Certificate2 Select(string? serverName) =>
        _proxy.Current.Routing.Tls.Find(serverName ?? "")?.Certificate ?? DefaultCertificate;

    public ValueTask<SslServerAuthenticationOptions> OnConnection(TlsHandshakeCallbackContext context)
    {
        var snapshot = _proxy.Current;
        var certificate = snapshot.Routing.Tls.Find(context.ClientHelloInfo.ServerName ?? "")?.Certificate ?? DefaultCertificate;

        // PERF: the certificate context (chain built once) is cached per certificate instance, which a snapshot shares.
        var certificateContext = _contexts.GetValue(certificate, static c => SslStreamCertificateContext.Create(c, additionalCertificates: null, offline: true));
        return ValueTask.FromResult(new SslServerAuthenticationOptions
        {
            ServerCertificateContext = certificateContext,
            EnabledSslProtocols = snapshot.Controller.SslProtocols,
        });
    }
}
