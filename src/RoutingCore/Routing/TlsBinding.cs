using System.Security.Cryptography.X509Certificates;
using RoutingCore.State;

namespace RoutingCore.Routing;

/// <summary>
/// One Ingress <c>tls</c> entry as the TLS listener uses it (ING-T1): the Secret it names and, when that Secret holds a
/// usable PEM certificate and key, the certificate. A binding without a certificate (no secretName, or a broken
/// Secret) sends its hosts to the default certificate (ING-T1, ING-T3).
/// </summary>
public sealed class TlsBinding
{
    internal TlsBinding(ObjectKey ingress, int tlsIndex, string? secretName, X509Certificate2? certificate, string? error)
    {
        Ingress = ingress;
        TlsIndex = tlsIndex;
        SecretName = secretName;
        Certificate = certificate;
        Error = error;
    }

    /// <summary>The Ingress that declared the entry.</summary>
    public ObjectKey Ingress { get; }

    /// <summary>The index of the entry in <c>spec.tls</c>.</summary>
    public int TlsIndex { get; }

    /// <summary>The Secret's name (in the Ingress's namespace), or null when the entry names none.</summary>
    public string? SecretName { get; }

    /// <summary>The certificate with its private key, or null (use the default certificate).</summary>
    public X509Certificate2? Certificate { get; }

    /// <summary>Why the Secret could not be used, or null.</summary>
    public string? Error { get; }

    /// <inheritdoc />
    public override string ToString() =>
        $"Ingress {Ingress.Namespace}/{Ingress.Name} spec.tls[{TlsIndex}]" + (SecretName is null ? " (no secret)" : $" secret {Ingress.Namespace}/{SecretName}");
}
