using RoutingCore.Matching;
using RoutingCore.Model;
using RoutingCore.Routing;
using RoutingCore.State;

namespace RoutingCore.Sockets;

/// <summary>Builds the server-name routes of a <see cref="TlsPassthroughListener"/>, by hand or from Ingresses.</summary>
/// <example>
/// Following the Ingresses that ask for passthrough, as ingress-nginx's <c>--enable-ssl-passthrough</c> does:
/// <code>
/// var ingress = IngressController.AddTo(state, options);
/// var passthrough = proxy.AddTlsPassthrough(new TlsPassthroughOptions
/// {
///     EndPoint = new IPEndPoint(IPAddress.Loopback, 443),
///     Routes = TlsPassthroughRoutes.FromIngresses(state.Current, ingress.Current),
///     DefaultTarget = TlsPassthroughTarget.ToEndPoint(kestrelHttpsEndPoint),   // everything else: TLS terminated at L7
/// });
/// ingress.SnapshotPublished += (_, snapshot) => passthrough.Routes = TlsPassthroughRoutes.FromIngresses(state.Current, snapshot);
/// </code>
/// </example>
public static class TlsPassthroughRoutes
{
    /// <summary>The Ingress annotation that asks for TLS passthrough (value <c>"true"</c>), as ingress-nginx names it.</summary>
    public const string Annotation = "nginx.ingress.kubernetes.io/ssl-passthrough";

    /// <summary>Routes each host (exact or <c>*.suffix</c>) to its target; the first entry for a host wins.</summary>
    /// <param name="routes">Host → target pairs.</param>
    public static HostPathMatcher<TlsPassthroughTarget> Build(IEnumerable<KeyValuePair<string, TlsPassthroughTarget>> routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var builder = new HostPathMatcherBuilder<TlsPassthroughTarget>();
        var order = 0L;
        foreach (var (host, target) in routes)
        {
            ArgumentException.ThrowIfNullOrEmpty(host, nameof(routes));
            ArgumentNullException.ThrowIfNull(target, nameof(routes));
            builder.AddGroupFallback(host, target, order++);
        }

        return builder.Build();
    }

    /// <summary>
    /// The passthrough routes of the Ingresses <paramref name="snapshot"/> serves that carry <see cref="Annotation"/>:
    /// each rule host goes to the Service of its <c>/</c> path (its first path when it has no <c>/</c>), in the
    /// Ingress's namespace. Paths are otherwise ignored, since a passthrough proxy never sees the request. When two
    /// Ingresses claim a host, the older one wins, as for paths (ING-P4.4).
    /// </summary>
    /// <param name="view">The store view the snapshot was compiled from (for the Ingress objects).</param>
    /// <param name="snapshot">The Ingress controller's routing snapshot (which Ingresses it serves).</param>
    public static HostPathMatcher<TlsPassthroughTarget> FromIngresses(ClusterView view, RoutingSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(snapshot);
        var ingresses = new List<Ingress>();
        foreach (var served in snapshot.Ingresses)
        {
            if (served.IsServed && view.Get<Ingress>(served.Ingress.Namespace, served.Ingress.Name) is { } ingress
                && ingress.Metadata.Annotations.TryGetValue(Annotation, out var value) && string.Equals(value.Trim(), "true", StringComparison.OrdinalIgnoreCase))
            {
                ingresses.Add(ingress);
            }
        }

        ingresses.Sort((a, b) =>
        {
            var byAge = Nullable.Compare(a.Metadata.CreationTimestamp, b.Metadata.CreationTimestamp);
            return byAge != 0 ? byAge : string.CompareOrdinal($"{a.Metadata.Namespace}/{a.Metadata.Name}", $"{b.Metadata.Namespace}/{b.Metadata.Name}");
        });

        var routes = new List<KeyValuePair<string, TlsPassthroughTarget>>();
        foreach (var ingress in ingresses)
        {
            foreach (var rule in ingress.Spec.Rules)
            {
                if (rule.Host is not { Length: > 0 } host || rule.Http is not { Paths.IsDefaultOrEmpty: false } http)
                {
                    continue;
                }

                var path = http.Paths.FirstOrDefault(p => p.Path is null or "" or "/") ?? http.Paths[0];
                if (path.Backend.Service is { } backend)
                {
                    routes.Add(new(host, TlsPassthroughTarget.ToService(ingress.Metadata.Namespace, backend.Name, backend.Port)));
                }
            }
        }

        return Build(routes);
    }
}
