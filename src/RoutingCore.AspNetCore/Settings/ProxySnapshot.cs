using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Net;
using RoutingCore.Routing;
using RoutingCore.State;

namespace RoutingCore.AspNetCore.Settings;

/// <summary>
/// What the proxy routes with, published as one immutable object: the core's routing snapshot, the controller
/// settings, the typed settings of every served Ingress and what was refused. A request reads it once and uses only
/// it, so routing and settings always come from the same version (M-3).
/// </summary>
public sealed class ProxySnapshot
{
    private readonly FrozenDictionary<ObjectKey, IngressSettings> _ingresses;
    private readonly Dictionary<RouteTarget, RouteSettings> _routes;
    private readonly IPNetwork[] _trustedProxies;

    internal ProxySnapshot(RoutingSnapshot routing, ControllerSettings controller, FrozenDictionary<ObjectKey, IngressSettings> ingresses,
        Dictionary<RouteTarget, RouteSettings> routes, ImmutableArray<SettingsError> errors, IPNetwork[] trustedProxies)
    {
        Routing = routing;
        Controller = controller;
        _ingresses = ingresses;
        _routes = routes;
        Errors = errors;
        _trustedProxies = trustedProxies;
    }

    /// <summary>The core's routing table (hosts, paths, backends, TLS).</summary>
    public RoutingSnapshot Routing { get; }

    /// <summary>The controller settings in force (defaults overridden by the ConfigMap).</summary>
    public ControllerSettings Controller { get; }

    /// <summary>Every setting refused, ConfigMap keys first, then Ingresses oldest first.</summary>
    public ImmutableArray<SettingsError> Errors { get; }

    /// <summary>The typed settings of a served Ingress; <see cref="IngressSettings.None"/> for any other key.</summary>
    public IngressSettings For(ObjectKey ingress) => _ingresses.GetValueOrDefault(ingress, IngressSettings.None);

    /// <summary>The compiled settings of a route target; null for the controller default backend.</summary>
    internal RouteSettings? RouteFor(RouteTarget target) => _routes.GetValueOrDefault(target);

    /// <summary>Number of distinct route targets compiled.</summary>
    internal int RouteCount => _routes.Count;

    /// <summary>Whether forwarded headers from <paramref name="peer"/> are trusted (options, then ConfigMap).</summary>
    internal bool IsTrustedProxy(IPAddress peer)
    {
        foreach (var network in _trustedProxies)
        {
            if (network.Contains(peer))
            {
                return true;
            }
        }

        return false;
    }
}
