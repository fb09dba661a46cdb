using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using RoutingCore.AspNetCore.Tls;

namespace RoutingCore.AspNetCore.Hosting;

/// <summary>HTTPS for a Kestrel endpoint with the certificates of the Ingress tls entries.</summary>
public static class RoutingCoreListenOptionsExtensions
{
    /// <summary>
    /// Terminates TLS on this endpoint, choosing each connection's certificate by SNI from the current routing snapshot
    /// (Ingress <c>tls</c> entries and their <c>kubernetes.io/tls</c> Secrets, ING-T1/T2) and falling back to the
    /// default certificate; the TLS versions follow the <c>ssl-protocols</c> setting. Needs <c>AddRoutingCore</c>.
    /// </summary>
    /// <param name="listenOptions">The endpoint.</param>
    /// <returns>The endpoint.</returns>
    public static ListenOptions UseRoutingCoreHttps(this ListenOptions listenOptions)
    {
        ArgumentNullException.ThrowIfNull(listenOptions);
        var selector = listenOptions.ApplicationServices.GetRequiredService<CertificateSelector>();
        return listenOptions.UseHttps(new TlsHandshakeCallbackOptions { OnConnection = selector.OnConnection });
    }
}
