using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using RoutingCore.Model;
using RoutingCore.Validation;

namespace RoutingCore.Routing;

/// <summary>
/// Turns <c>kubernetes.io/tls</c> Secrets into certificates, once per Secret version: key-pair import is far too slow
/// to repeat on every routing-table rebuild. Entries whose Secret version is no longer asked for are dropped.
/// </summary>
internal sealed class TlsCertificateCache
{
    private Dictionary<string, (X509Certificate2? Certificate, string? Error)> _byVersion = [];
    private Dictionary<string, (X509Certificate2? Certificate, string? Error)> _next = [];

    /// <summary>The certificate of <paramref name="secret"/>, or why there is none (ING-T1).</summary>
    public (X509Certificate2? Certificate, string? Error) Get(Secret secret)
    {
        var key = secret.Metadata.Uid + "/" + secret.Metadata.ResourceVersion;
        if (!_next.TryGetValue(key, out var entry))
        {
            entry = _byVersion.TryGetValue(key, out var cached) ? cached : Load(secret);
            _next[key] = entry;
        }

        return entry;
    }

    public void Commit()
    {
        _byVersion = _next;
        _next = [];
    }

    private static (X509Certificate2?, string?) Load(Secret secret)
    {
        var name = $"secret {secret.Metadata.Namespace}/{secret.Metadata.Name}";
        if (!secret.Data.TryGetValue(SecretValidation.TlsCertKey, out var cert) || cert.IsDefaultOrEmpty)
        {
            return (null, $"{name} has no {SecretValidation.TlsCertKey}");
        }

        if (!secret.Data.TryGetValue(SecretValidation.TlsPrivateKeyKey, out var key) || key.IsDefaultOrEmpty)
        {
            return (null, $"{name} has no {SecretValidation.TlsPrivateKeyKey}");
        }

        try
        {
            using var pem = X509Certificate2.CreateFromPem(Encoding.UTF8.GetString(cert.AsSpan()), Encoding.UTF8.GetString(key.AsSpan()));

            // An ephemeral PEM key cannot serve TLS on every platform; a PKCS#12 round trip gives a usable one.
            return (X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null), null);
        }
        catch (CryptographicException error)
        {
            return (null, $"{name} does not hold a PEM certificate and matching private key: {error.Message}");
        }
        catch (ArgumentException error)
        {
            return (null, $"{name} does not hold a PEM certificate and matching private key: {error.Message}");
        }
    }
}
