using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Net;
using RoutingCore.Balancing;
using RoutingCore.Discovery;
using RoutingCore.Model;
using RoutingCore.State;
using RoutingCore.Validation;

namespace RoutingCore.Proxying;

/// <summary>
/// Compiles a <see cref="ProxyTable"/> from a <see cref="ClusterView"/>. For every Service that is proxied (not
/// headless, not ExternalName) and every TCP or UDP ServicePort: the endpoint set from the Service's slices (PX-2), then
/// the frontends in a fixed order: each ClusterIP, each served node address at the nodePort, each LoadBalancer ingress
/// IP, each externalIP (PX-1, SVC-T1..T6). Services are taken in (namespace, name) order, so when two claim the same
/// address, port and transport the first keeps it and the conflict is reported: the outcome never depends on timing.
/// </summary>
internal static class ProxyCompiler
{
    public static ProxyTable Compile(ClusterView view, ServiceProxyOptions options, string? podCidr, ProxyStates states)
    {
        var diagnostics = new List<ClusterWarning>();
        var nodes = ProxyNodes.From(view, options);
        var zone = options.NodeName is { } nodeName && view.Get<Node>("", nodeName)?.Metadata.Labels.GetValueOrDefault(SliceDesign.ZoneLabel) is { Length: > 0 } label
            ? label
            : null;
        var slices = new ServiceSliceIndex(view);
        var frontends = new List<ProxyFrontend>();
        var claimed = new Dictionary<FrontendKey, ProxyFrontend>();
        var servicePorts = new List<ProxyServicePort>();
        var services = new Dictionary<(string, string), ImmutableArray<ProxyServicePort>?>();
        var serviceAddresses = new HashSet<UInt128>();
        var healthChecks = new List<HealthCheckFrontend>();

        foreach (var service in view.List<Service>())
        {
            var key = (service.Metadata.Namespace, service.Metadata.Name);
            if (service.Spec.Type == ServiceTypes.ExternalName || service.Spec.ClusterIP == ServicePolicies.None)
            {
                services[key] = null; // SVC-T2, SVC-T5
                continue;
            }

            var ports = ImmutableArray.CreateBuilder<ProxyServicePort>();
            foreach (var port in service.Spec.Ports)
            {
                if (!TryProtocol(port.Protocol, out var protocol))
                {
                    diagnostics.Add(Warn(service, "ProtocolNotProxied", $"port {port.Port}/{port.Protocol} is not proxied: only TCP and UDP are"));
                    continue;
                }

                var (registry, strategy) = states.For(service, port, protocol);
                var endpoints = EndpointSet.Create(ServicePortEndpoints.Resolve(slices.For(key.Item1, key.Item2), port), registry, strategy);
                var servicePort = new ProxyServicePort(service, port, protocol, endpoints, options.NodeName, zone);
                ports.Add(servicePort);
                servicePorts.Add(servicePort);
                AddFrontends(service, servicePort, nodes, options, serviceAddresses, frontends, claimed, diagnostics);
            }

            services[key] = ports.ToImmutable();
            AddHealthChecks(service, ports, nodes, claimed, healthChecks, diagnostics);
        }

        states.Commit();
        var clusterCidrs = options.ClusterCidrs ?? (podCidr is null ? [] : [podCidr]);
        return new ProxyTable(new ProxyTableParts(
            [.. frontends],
            [.. servicePorts],
            [.. diagnostics],
            view.ResourceVersion,
            options.NodeName,
            SourceRangeSet.Parse(clusterCidrs),
            nodes.Owners,
            services.ToFrozenDictionary(),
            serviceAddresses.ToFrozenSet(),
            [.. healthChecks]));
    }

    private static void AddFrontends(Service service, ProxyServicePort servicePort, ProxyNodes nodes, ServiceProxyOptions options,
        HashSet<UInt128> serviceAddresses, List<ProxyFrontend> frontends, Dictionary<FrontendKey, ProxyFrontend> claimed, List<ClusterWarning> diagnostics)
    {
        var spec = service.Spec;
        var port = servicePort.Port;
        void Add(FrontendKind kind, IPAddress address, int number, string? node, SourceRangeSet ranges)
        {
            var frontend = new ProxyFrontend(servicePort, kind, address, number, node, ranges);
            var key = new FrontendKey(frontend.AddressKey, number, servicePort.Protocol);
            if (kind != FrontendKind.NodePort)
            {
                serviceAddresses.Add(frontend.AddressKey);
            }

            if (claimed.TryGetValue(key, out var owner))
            {
                diagnostics.Add(Warn(service, "FrontendConflict",
                    $"{frontend} is not served: {owner} already uses {frontend.EndPoint}/{servicePort.Protocol.ToString().ToUpperInvariant()}"));
                return;
            }

            claimed.Add(key, frontend);
            frontends.Add(frontend);
        }

        foreach (var text in spec.ClusterIPs.IsDefaultOrEmpty ? [spec.ClusterIP] : spec.ClusterIPs)
        {
            if (IPRules.TryParse(text, out var ip))
            {
                Add(FrontendKind.ClusterIP, ip, port.Port, null, SourceRangeSet.AllowAll);
            }
        }

        if (port.NodePort > 0 && spec.Type is ServiceTypes.NodePort or ServiceTypes.LoadBalancer)
        {
            foreach (var (node, address) in nodes.Served)
            {
                Add(FrontendKind.NodePort, address, port.NodePort, node, SourceRangeSet.AllowAll);
            }
        }

        var receiving = options.NodeName ?? servicePort.AnnouncingNode;
        if (spec.Type == ServiceTypes.LoadBalancer)
        {
            var invalid = new List<string>();
            var ranges = SourceRangeSet.ForService(service, invalid);
            foreach (var bad in invalid)
            {
                diagnostics.Add(Warn(service, "InvalidSourceRange", $"source range \"{bad}\" is not a CIDR and is ignored"));
            }

            foreach (var ingress in service.Status.LoadBalancer.Ingress)
            {
                if (ingress.Ip is { } text && IPRules.TryParse(text, out var ip))
                {
                    Add(FrontendKind.LoadBalancer, ip, port.Port, receiving, ranges);
                }
            }
        }

        foreach (var text in spec.ExternalIPs)
        {
            if (IPRules.TryParse(text, out var ip))
            {
                Add(FrontendKind.ExternalIP, ip, port.Port, receiving, SourceRangeSet.AllowAll);
            }
        }
    }

    /// <summary>PX-11: one health check per served node address, counting the node's usable endpoints over every port.</summary>
    private static void AddHealthChecks(Service service, ImmutableArray<ProxyServicePort>.Builder ports, ProxyNodes nodes,
        Dictionary<FrontendKey, ProxyFrontend> claimed, List<HealthCheckFrontend> healthChecks, List<ClusterWarning> diagnostics)
    {
        var spec = service.Spec;
        if (spec.Type != ServiceTypes.LoadBalancer || spec.ExternalTrafficPolicy != ServicePolicies.Local || spec.HealthCheckNodePort <= 0)
        {
            return;
        }

        foreach (var (node, address) in nodes.Served)
        {
            var local = new HashSet<string>(StringComparer.Ordinal);
            foreach (var port in ports)
            {
                foreach (var endpoint in port.ForNode(node).Candidates)
                {
                    local.Add(endpoint.Address);
                }
            }

            var check = new HealthCheckFrontend(service, address, spec.HealthCheckNodePort, node, local.Count);
            if (claimed.TryGetValue(new FrontendKey(check.AddressKey, check.Port, ProxyProtocol.Tcp), out var owner))
            {
                diagnostics.Add(Warn(service, "FrontendConflict", $"{check} is not served: {owner} already uses {check.EndPoint}/TCP"));
                continue;
            }

            healthChecks.Add(check);
        }
    }

    private static bool TryProtocol(string protocol, out ProxyProtocol result)
    {
        result = protocol is "UDP" ? ProxyProtocol.Udp : ProxyProtocol.Tcp;
        return protocol is "" or "TCP" or "UDP";
    }

    private static ClusterWarning Warn(Service service, string reason, string message) =>
        new(ObjectKey.Of(service), reason, message);
}
