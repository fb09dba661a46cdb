namespace RoutingCore.AspNetCore.Settings;

/// <summary>
/// Cookie session affinity (<c>affinity: cookie</c> and the <c>session-cookie-*</c> annotations). The cookie holds a
/// random token that consistent hashing maps to an endpoint, so a client keeps its endpoint while the endpoint set is
/// unchanged, and when an endpoint leaves (or is ejected) only the clients it served move, to a stable new endpoint.
/// </summary>
public sealed record AffinityCookieSettings
{
    /// <summary>The cookie's name; <c>INGRESSCOOKIE</c> by default, as ingress-nginx.</summary>
    public string Name { get; init; } = "INGRESSCOOKIE";

    /// <summary>The cookie's <c>Path</c> attribute; <c>/</c> by default.</summary>
    public string Path { get; init; } = "/";

    /// <summary>The cookie's <c>Max-Age</c>; null for a session cookie.</summary>
    public TimeSpan? MaxAge { get; init; }

    /// <summary>The cookie's <c>SameSite</c> attribute (<c>None</c>, <c>Lax</c> or <c>Strict</c>); null to leave it out.</summary>
    public string? SameSite { get; init; }
}
