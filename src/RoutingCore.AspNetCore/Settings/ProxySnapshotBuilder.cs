using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Net;
using RoutingCore.AspNetCore.Hosting;
using RoutingCore.Balancing;
using RoutingCore.Matching;
using RoutingCore.Model;
using RoutingCore.Routing;
using RoutingCore.State;

namespace RoutingCore.AspNetCore.Settings;

/// <summary>
/// Builds a <see cref="ProxySnapshot"/> from a routing snapshot, the store and the controller settings.
/// </summary>
/// <remarks>
/// <para>Algorithm: parse each served Ingress's annotations (reusing the previous result while its annotations are the
/// same object), then walk every matcher rule once: each distinct <see cref="RouteTarget"/> gets a
/// <see cref="RouteSettings"/> with its upstream. Canary pairing groups path rules by (host, path type, path): the
/// oldest non-canary declaration is the main route, and every declaration of that key, the canary's included, routes
/// to the main upstream with the canary split, whichever of them the matcher picks.</para>
/// <para>The subtle point: an Ingress that asks for another selection strategy gets an endpoint set built over the
/// snapshot's endpoints and the same <see cref="EndpointStateRegistry"/>, so in-flight counts and passive health are
/// shared with the snapshot's own set; it is rebuilt with every snapshot, like the snapshot's.</para>
/// </remarks>
internal sealed class ProxySnapshotBuilder(RoutingCoreProxyOptions options)
{
    private Dictionary<ObjectKey, (ImmutableSortedDictionary<string, string> Annotations, IngressSettings Settings, SettingsError[] Errors)> _parsed = [];

    /// <summary>Builds the proxy snapshot of <paramref name="routing"/>, with the settings of <paramref name="controllerConfigMap"/> (none when null).</summary>
    public ProxySnapshot Build(RoutingSnapshot routing, ClusterView view, ObjectKey? controllerConfigMap)
    {
        var errors = new List<SettingsError>();
        var configMap = controllerConfigMap is { } key ? view.Get<ConfigMap>(key.Namespace, key.Name) : null;
        var controller = ControllerConfigMapParser.Parse(configMap, options.Defaults, errors);

        var ingresses = new Dictionary<ObjectKey, IngressSettings>();
        var tlsHosts = new Dictionary<ObjectKey, TlsHostSet>();
        var parsed = new Dictionary<ObjectKey, (ImmutableSortedDictionary<string, string>, IngressSettings, SettingsError[])>();
        foreach (var served in routing.Ingresses)
        {
            if (!served.IsServed || view.Get<Ingress>(served.Ingress.Namespace, served.Ingress.Name) is not { } ingress)
            {
                continue;
            }

            if (!_parsed.TryGetValue(served.Ingress, out var entry) || !ReferenceEquals(entry.Annotations, ingress.Metadata.Annotations))
            {
                var ingressErrors = new List<SettingsError>();
                entry = (ingress.Metadata.Annotations, IngressAnnotationParser.Parse(ingress, ingressErrors), [.. ingressErrors]);
            }

            parsed[served.Ingress] = entry;
            ingresses[served.Ingress] = entry.Settings;
            errors.AddRange(entry.Errors);
            tlsHosts[served.Ingress] = new TlsHostSet(ingress.Spec.Tls.SelectMany(t => t.Hosts.IsDefault ? [] : t.Hosts));
        }

        _parsed = parsed;
        var compiler = new RouteCompiler(controller, ingresses, tlsHosts);
        var routes = compiler.Compile(routing.Matcher);
        var trusted = options.TrustedProxies.Concat(controller.UseForwardedHeaders ? controller.ProxyRealIpCidr : []).ToArray();
        return new ProxySnapshot(routing, controller, ingresses.ToFrozenDictionary(), routes, [.. errors], trusted);
    }

    /// <summary>One compilation's caches: upstreams and derived endpoint sets are shared by the routes that name the same backend.</summary>
    private sealed class RouteCompiler(ControllerSettings controller, Dictionary<ObjectKey, IngressSettings> ingresses, Dictionary<ObjectKey, TlsHostSet> tlsHosts)
    {
        private readonly Dictionary<(ServiceBackend, BackendProtocol, TimeSpan, string), UpstreamBackend> _upstreams = new();
        private readonly Dictionary<(EndpointSet, string), EndpointSet> _sets = new();

        public Dictionary<RouteTarget, RouteSettings> Compile(HostPathMatcher<RouteTarget> matcher)
        {
            var routes = new Dictionary<RouteTarget, RouteSettings>(ReferenceEqualityComparer.Instance);
            var mains = new Dictionary<(string?, PathMatchType, string), (long Order, RouteTarget Target)>();
            var canaries = new List<((string?, PathMatchType, string) Key, RouteTarget Target, CanarySettings Canary)>();
            foreach (var rule in matcher.Rules)
            {
                var target = matcher.GetValue(rule.Id);
                if (target.Ingress is not { } ingress)
                {
                    continue;
                }

                var settings = ingresses.GetValueOrDefault(ingress, IngressSettings.None);
                if (!routes.ContainsKey(target))
                {
                    routes[target] = Route(target, rule, settings);
                }

                if (rule.Kind != MatcherRuleKind.Path)
                {
                    continue;
                }

                var key = (rule.Host, rule.PathType, rule.Path ?? "");
                if (settings.Canary is { } canary)
                {
                    canaries.Add((key, target, canary));
                }
                else if (!mains.TryGetValue(key, out var main) || rule.Order < main.Order)
                {
                    mains[key] = (rule.Order, target);
                }
            }

            foreach (var (key, target, canary) in canaries)
            {
                if (mains.TryGetValue(key, out var main) && routes[target].Upstream is { } canaryUpstream)
                {
                    // Whichever declaration the matcher picks, the request gets the main route with the canary split.
                    var merged = With(routes[main.Target], canaryUpstream, canary);
                    routes[main.Target] = merged;
                    routes[target] = merged;
                }
            }

            return routes;
        }

        private static RouteSettings With(RouteSettings main, UpstreamBackend canaryUpstream, CanarySettings canary) => new()
        {
            Settings = main.Settings,
            IngressTag = main.IngressTag,
            Upstream = main.Upstream,
            CanaryUpstream = canaryUpstream,
            Canary = canary,
            MaxBodySize = main.MaxBodySize,
            RewriteMatch = main.RewriteMatch,
            RewriteMatchType = main.RewriteMatchType,
            RewriteTarget = main.RewriteTarget,
            RedirectAllHosts = main.RedirectAllHosts,
            RedirectHosts = main.RedirectHosts,
        };

        private RouteSettings Route(RouteTarget target, MatcherRule rule, IngressSettings settings)
        {
            var key = target.Ingress!.Value;
            var bodySize = settings.ProxyBodySize ?? controller.ProxyBodySize;
            var rewrite = settings.RewriteTarget is not null && rule.Kind == MatcherRuleKind.Path;
            var path = rule.Path is { Length: > 0 } p ? p : "/";
            var hosts = tlsHosts.GetValueOrDefault(key);
            return new RouteSettings
            {
                Settings = settings,
                IngressTag = key.Namespace + "/" + key.Name,
                Upstream = target.Service is { } service ? Upstream(service, settings) : null,
                MaxBodySize = bodySize == 0 ? null : bodySize,
                RewriteTarget = rewrite ? settings.RewriteTarget : null,
                RewriteMatch = rewrite ? (rule.PathType == PathMatchType.Exact ? path : path.TrimEnd('/')) : null,
                RewriteMatchType = rule.PathType,
                RedirectAllHosts = settings.ForceSslRedirect,
                RedirectHosts = (settings.SslRedirect ?? controller.SslRedirect) && hosts is { IsEmpty: false } ? hosts : null,
            };
        }

        private UpstreamBackend Upstream(ServiceBackend backend, IngressSettings settings)
        {
            var read = settings.ProxyReadTimeout ?? controller.ProxyReadTimeout;
            var send = settings.ProxySendTimeout ?? controller.ProxySendTimeout;
            var activity = read > send ? read : send;
            var strategy = StrategyName(settings);
            var key = (backend, settings.BackendProtocol, activity, strategy);
            if (_upstreams.TryGetValue(key, out var upstream))
            {
                return upstream;
            }

            var endpoints = backend.Endpoints is { } set && strategy.Length > 0 ? Derived(set, backend, strategy, settings) : backend.Endpoints;
            var (version, policy) = settings.BackendProtocol switch
            {
                BackendProtocol.Grpc or BackendProtocol.Grpcs or BackendProtocol.H2c => (HttpVersion.Version20, HttpVersionPolicy.RequestVersionExact),
                _ => (HttpVersion.Version11, HttpVersionPolicy.RequestVersionOrLower),
            };
            var scheme = settings.BackendProtocol is BackendProtocol.Https or BackendProtocol.Grpcs ? "https" : "http";
            var config = new Yarp.ReverseProxy.Forwarder.ForwarderRequestConfig { ActivityTimeout = activity, Version = version, VersionPolicy = policy };
            return _upstreams[key] = new UpstreamBackend(backend, endpoints, scheme, config, read);
        }

        /// <summary>The strategy the Ingress asks for beyond the snapshot's round robin, or "" for the snapshot's set.</summary>
        private string StrategyName(IngressSettings settings) =>
            settings.AffinityCookie is not null ? "cookie"
            : (settings.LoadBalance ?? controller.LoadBalance) is var algorithm && algorithm == LoadBalanceAlgorithm.RoundRobin ? ""
            : algorithm.ToString();

        private EndpointSet Derived(EndpointSet set, ServiceBackend backend, string name, IngressSettings settings)
        {
            if (_sets.TryGetValue((set, name), out var derived))
            {
                return derived;
            }

            SelectionStrategy strategy = (settings.AffinityCookie, settings.LoadBalance ?? controller.LoadBalance) switch
            {
                ({ }, _) => SelectionStrategy.ConsistentHash(),
                (_, LoadBalanceAlgorithm.Random) => SelectionStrategy.Random(),
                (_, LoadBalanceAlgorithm.LeastRequest) => SelectionStrategy.LeastRequests(),
                _ => SelectionStrategy.PowerOfTwoChoices(),
            };

            // Service sessionAffinity: ClientIP is honoured whatever places new clients (AFF-1..3); a cookie replaces it.
            if (settings.AffinityCookie is null && backend.Service?.Spec.SessionAffinity == ServicePolicies.ClientIP)
            {
                var seconds = backend.Service.Spec.SessionAffinityConfig?.ClientIP?.TimeoutSeconds ?? ServicePolicies.DefaultClientIPTimeoutSeconds;
                strategy = SelectionStrategy.ClientIPAffinity(TimeSpan.FromSeconds(seconds), strategy);
            }

            return _sets[(set, name)] = EndpointSet.Create(set.Endpoints, set.Registry, strategy);
        }
    }
}
