namespace RoutingCore.Routing;

/// <summary>Whether a Service backend can take traffic, and if not why (ING-B4, ING-B5).</summary>
public enum BackendStatus
{
    /// <summary>The Service, its port and at least one eligible endpoint exist.</summary>
    Ready,
    /// <summary>No Service of that name in the Ingress's namespace (503).</summary>
    ServiceNotFound,
    /// <summary>The Service has no port with that number or name (503).</summary>
    PortNotFound,
    /// <summary>The Service is headless and has no port mapping, or is not proxied (503).</summary>
    NotProxied,
    /// <summary>The Service has no ready or serving-and-terminating endpoint (503).</summary>
    NoEndpoints,
    /// <summary>An ExternalName Service: forward to <see cref="ServiceBackend.ExternalName"/> (ING-B5).</summary>
    ExternalName,
}
