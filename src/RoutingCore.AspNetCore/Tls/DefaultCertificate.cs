using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace RoutingCore.AspNetCore.Tls;

/// <summary>
/// The certificate served for server names no Ingress tls entry covers (ING-T2 step 4) when the host application
/// configures none: self-signed, ECDSA P-256, generated at start-up, like ingress-nginx's "fake" certificate.
/// </summary>
internal static class DefaultCertificate
{
    public const string SubjectName = "CN=RoutingCore Ingress Controller Default Certificate";

    public static X509Certificate2 Generate(TimeProvider time)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(SubjectName, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = time.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));

        // A PKCS#12 round trip gives a key every platform's TLS stack can use (an ephemeral one cannot on Windows).
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }
}
