using System.Collections.Immutable;
using RoutingCore.Matching;

namespace RoutingCore.Routing;

/// <summary>
/// The compiled Ingress routing table at one resource version: the host/path matcher over every served Ingress with
/// each route's backend already resolved, the TLS certificate table, and what lint found. Immutable; the controller
/// publishes a new one with a single reference swap (M-3), so a request routes on one snapshot from start to end.
/// </summary>
/// <example>
/// <code>
/// RoutingSnapshot snapshot = controller.Current;          // one volatile read per request
/// RouteResult route = snapshot.Route(host, path);        // no allocation
/// if (route.Target.Service is { Status: BackendStatus.Ready, Endpoints: { } set }
///     &amp;&amp; set.TrySelect(SelectionContext.None, out var lease)) { /* forward to lease.Endpoint */ }
/// </code>
/// </example>
public sealed class RoutingSnapshot
{
    internal RoutingSnapshot(HostPathMatcher<RouteTarget> matcher, TlsTable tls, ImmutableArray<ServedIngress> ingresses,
        ImmutableArray<LintDiagnostic> diagnostics, long resourceVersion)
    {
        Matcher = matcher;
        Tls = tls;
        Ingresses = ingresses;
        Diagnostics = diagnostics;
        ResourceVersion = resourceVersion;
    }

    /// <summary>The store's resource version the snapshot was compiled from.</summary>
    public long ResourceVersion { get; }

    /// <summary>The compiled host/path matcher; its values are the routes' targets.</summary>
    public HostPathMatcher<RouteTarget> Matcher { get; }

    /// <summary>The SNI certificate table.</summary>
    public TlsTable Tls { get; }

    /// <summary>Every Ingress in the store, served or ignored, with the reason.</summary>
    public ImmutableArray<ServedIngress> Ingresses { get; }

    /// <summary>Lint diagnostics, by code then object.</summary>
    public ImmutableArray<LintDiagnostic> Diagnostics { get; }

    /// <summary>
    /// Routes a request by its host (Host or <c>:authority</c>, any port is ignored) and path (the query, if present, is
    /// ignored). Never returns "nothing": unmatched requests reach a default backend (ING-D1..D3).
    /// </summary>
    public RouteResult Route(ReadOnlySpan<char> host, ReadOnlySpan<char> path)
    {
        var match = Matcher.Match(host, path);
        return new RouteResult(match.Value ?? RouteTarget.ControllerDefault, match.Outcome, match.Group);
    }

    /// <summary>The decision trace for a request, computed by the same code as <see cref="Route"/>.</summary>
    public RouteExplanation Explain(string host, string path)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(path);
        return new RouteExplanation(Matcher.Explain(host, path));
    }
}
