namespace RoutingCore.Sockets;

/// <summary>The state of a TLS ClientHello being read.</summary>
internal enum ClientHelloStatus
{
    /// <summary>The bytes so far are a valid prefix; read more.</summary>
    NeedMore,

    /// <summary>A whole ClientHello was read (with or without a server name).</summary>
    Complete,

    /// <summary>Not a TLS handshake, or a malformed ClientHello.</summary>
    Malformed,

    /// <summary>The ClientHello does not fit in the configured size cap.</summary>
    TooLarge,
}
