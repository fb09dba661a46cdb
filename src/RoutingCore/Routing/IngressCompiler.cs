using System.Collections.Immutable;
using RoutingCore.Matching;
using RoutingCore.Model;
using RoutingCore.State;

namespace RoutingCore.Routing;

/// <summary>
/// Compiles the Ingresses of a <see cref="ClusterView"/> into a <see cref="RoutingSnapshot"/> (§5, §6).
/// </summary>
/// <remarks>
/// <para>Algorithm: classify every Ingress (CLS-2) and keep the served ones, ranked oldest first (creationTimestamp,
/// then namespace/name). Every path becomes one matcher rule whose order key is (rank, rule index, path index), so the
/// matcher's tie-break is exactly ING-P4 step 4 and ING-M3's "oldest declaration wins". A served Ingress's
/// defaultBackend becomes the fallback of each host group it contributes rules to (ING-D2, lowest rank wins) or, when
/// it has no rules, a global fallback (ING-D1); the controller default backend is the last global fallback (ING-D3).</para>
/// <para>The subtle point: backends are resolved here, once per compilation, and stored in the route's value, so the
/// request path never looks a Service up — a path to a missing Service still compiles and answers 503 (ING-M5).</para>
/// </remarks>
internal static class IngressCompiler
{
    public static RoutingSnapshot Compile(ClusterView view, IngressControllerOptions options, BackendStates states, TlsCertificateCache certificates)
    {
        var classes = view.List<IngressClass>().ToDictionary(c => c.Metadata.Name, StringComparer.Ordinal);
        var served = new List<Ingress>();
        var classified = ImmutableArray.CreateBuilder<ServedIngress>();
        foreach (var ingress in view.List<Ingress>())
        {
            var ownership = IngressOwnership.Of(ingress, name => classes.GetValueOrDefault(name), options);
            classified.Add(new ServedIngress(ObjectKey.Of(ingress), ownership.IsOurs, ownership.Reason));
            if (ownership.IsOurs)
            {
                served.Add(ingress);
            }
        }

        served.Sort(CompareAge);
        var backends = new BackendResolver(view, options, states);
        var builder = new HostPathMatcherBuilder<RouteTarget>();
        var routes = new List<CompiledRoute>();
        for (var rank = 0; rank < served.Count; rank++)
        {
            AddIngress(builder, backends, served[rank], rank, routes);
        }

        builder.AddGlobalFallback(RouteTarget.ControllerDefault, long.MaxValue);
        var matcher = builder.Build();
        var tls = TlsCompiler.Compile(view, served, certificates);
        var diagnostics = IngressLinter.Lint(view, matcher, routes, tls, classified, served);
        states.Commit();
        certificates.Commit();
        return new RoutingSnapshot(matcher, tls, classified.ToImmutable(), diagnostics, view.ResourceVersion);
    }

    /// <summary>Oldest first: creationTimestamp, then namespace/name (ING-P4 step 4).</summary>
    internal static int CompareAge(Ingress a, Ingress b)
    {
        var byTime = Nullable.Compare(a.Metadata.CreationTimestamp, b.Metadata.CreationTimestamp);
        if (byTime != 0)
        {
            return byTime;
        }

        var byNamespace = string.CompareOrdinal(a.Metadata.Namespace, b.Metadata.Namespace);
        return byNamespace != 0 ? byNamespace : string.CompareOrdinal(a.Metadata.Name, b.Metadata.Name);
    }

    private static void AddIngress(HostPathMatcherBuilder<RouteTarget> builder, BackendResolver backends, Ingress ingress, int rank, List<CompiledRoute> routes)
    {
        var key = ObjectKey.Of(ingress);
        var defaultTarget = ingress.Spec.DefaultBackend is { } fallback ? Target(backends, key, -1, -1, fallback) : null;
        var hosts = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ingress.Spec.Rules.Length; i++)
        {
            var rule = ingress.Spec.Rules[i];
            var host = string.IsNullOrEmpty(rule.Host) ? null : rule.Host;
            hosts.Add(host ?? "");
            if (rule.Http is null)
            {
                builder.AddHost(host);
                continue;
            }

            for (var j = 0; j < rule.Http.Paths.Length; j++)
            {
                var path = rule.Http.Paths[j];
                var target = Target(backends, key, i, j, path.Backend);
                var id = builder.AddPath(host, PathTypeOf(path.PathType), path.Path, target, ((long)rank << 32) | ((long)i << 16) | (uint)j);
                routes.Add(new CompiledRoute(id, host, path.Path, target));
            }
        }

        if (defaultTarget is null)
        {
            return;
        }

        if (ingress.Spec.Rules.IsEmpty)
        {
            builder.AddGlobalFallback(defaultTarget, rank);
        }
        else
        {
            foreach (var host in hosts)
            {
                builder.AddGroupFallback(host.Length == 0 ? null : host, defaultTarget, rank);
            }
        }

        routes.Add(new CompiledRoute(-1, null, null, defaultTarget));
    }

    private static RouteTarget Target(BackendResolver backends, ObjectKey ingress, int rule, int path, IngressBackend backend) =>
        backend.Service is { } service
            ? new RouteTarget(RouteTargetKind.Service, ingress, rule, path, backends.Resolve(ingress.Namespace, service), null)
            : new RouteTarget(RouteTargetKind.Resource, ingress, rule, path, null, backend.Resource);

    private static PathMatchType PathTypeOf(string? pathType) => pathType switch
    {
        PathTypes.Exact => PathMatchType.Exact,
        PathTypes.Prefix => PathMatchType.Prefix,
        _ => PathMatchType.ImplementationSpecific,
    };
}

/// <summary>One route as compiled, for lint: its matcher rule id (-1 for a defaultBackend), host, path and target.</summary>
internal sealed record CompiledRoute(int RuleId, string? Host, string? Path, RouteTarget Target);
