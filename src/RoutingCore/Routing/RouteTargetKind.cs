namespace RoutingCore.Routing;

/// <summary>What a route leads to (§6 routing output).</summary>
public enum RouteTargetKind
{
    /// <summary>A Service port (<see cref="RouteTarget.Service"/>).</summary>
    Service,
    /// <summary>A resource backend the host application may handle (ING-B6).</summary>
    Resource,
    /// <summary>The controller default backend: 404 <c>default backend - 404</c> (ING-D3).</summary>
    ControllerDefault,
}
