namespace RoutingCore.AspNetCore.Settings;

/// <summary>
/// How the proxy speaks to a backend: ingress-nginx's <c>backend-protocol</c> annotation values (ING-B8). The default
/// is HTTP/1.1 in clear text.
/// </summary>
public enum BackendProtocol
{
    /// <summary><c>HTTP</c>: HTTP/1.1 in clear text (the default).</summary>
    Http,

    /// <summary><c>HTTPS</c>: HTTP/1.1 over TLS; the backend's certificate is not verified (ingress-nginx's default).</summary>
    Https,

    /// <summary><c>GRPC</c>: HTTP/2 in clear text with prior knowledge (h2c), as gRPC servers expect.</summary>
    Grpc,

    /// <summary><c>GRPCS</c>: HTTP/2 over TLS.</summary>
    Grpcs,

    /// <summary><c>H2C</c>: HTTP/2 in clear text with prior knowledge.</summary>
    H2c,
}
