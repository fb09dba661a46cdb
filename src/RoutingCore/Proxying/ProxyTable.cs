using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Net;
using RoutingCore.Balancing;
using RoutingCore.Model;
using RoutingCore.State;

namespace RoutingCore.Proxying;

/// <summary>
/// The compiled Service proxy table at one resource version (§10): every frontend (ClusterIP, node port, LoadBalancer
/// and external IP, per ServicePort and transport) with its endpoints already resolved. Immutable; the controller
/// publishes a new one with a single reference swap, so a connection is placed on one table from start to end (M-3).
/// </summary>
/// <remarks>
/// Resolution order, as kube-proxy's rules apply it: the destination selects the frontend (PX-1; a Service address with
/// an unknown port is rejected, any other address is not ours); LoadBalancer source ranges drop first (PX-9); a port
/// with no usable endpoint anywhere is rejected (PX-7); Local policy then narrows to the receiving node's endpoints,
/// the client's node for ClusterIP traffic, and drops when there are none (PX-5, PX-6). The subtle point is PX-6's
/// exception: a client inside the cluster (a pod IP, a node address, or the cluster CIDRs) reaching a LoadBalancer or
/// external IP uses Cluster policy, because kube-proxy short-circuits that traffic before the Local rule.
/// </remarks>
/// <example>
/// <code>
/// var table = controller.Current;                                         // one volatile read per connection
/// var decision = table.Resolve(ProxyProtocol.Tcp, localIP, localPort, clientIP, out var lease);
/// if (decision.Outcome == ProxyOutcome.Selected) { /* connect to lease.Endpoint, then lease.Complete(outcome) */ }
/// </code>
/// </example>
public sealed class ProxyTable
{
    private readonly FrozenDictionary<FrontendKey, ProxyFrontend> _frontends;
    private readonly FrozenSet<UInt128> _serviceAddresses;
    private readonly FrozenDictionary<UInt128, string> _nodeOfAddress;
    private readonly FrozenDictionary<(string Namespace, string Name), ImmutableArray<ProxyServicePort>?> _services;
    private readonly SourceRangeSet _clusterRanges;
    private readonly string? _nodeName;

    internal ProxyTable(ProxyTableParts parts)
    {
        Frontends = parts.Frontends;
        ServicePorts = parts.ServicePorts;
        Diagnostics = parts.Diagnostics;
        HealthChecks = parts.HealthChecks;
        ResourceVersion = parts.ResourceVersion;
        _nodeName = parts.NodeName;
        _clusterRanges = parts.ClusterRanges;
        _nodeOfAddress = parts.NodeOfAddress;
        _services = parts.Services;
        _serviceAddresses = parts.ServiceAddresses;
        var frontends = new Dictionary<FrontendKey, ProxyFrontend>();
        foreach (var frontend in parts.Frontends)
        {
            frontends.Add(new FrontendKey(frontend.AddressKey, frontend.Port, frontend.Protocol), frontend);
        }

        _frontends = frontends.ToFrozenDictionary();
    }

    /// <summary>The empty table: nothing is proxied.</summary>
    public static ProxyTable Empty { get; } = new(ProxyTableParts.Empty);

    /// <summary>The store's resource version the table was compiled from.</summary>
    public long ResourceVersion { get; }

    /// <summary>Every frontend, by Service (namespace, name), port, then kind and address.</summary>
    public ImmutableArray<ProxyFrontend> Frontends { get; }

    /// <summary>Every proxied ServicePort, by Service then port.</summary>
    public ImmutableArray<ProxyServicePort> ServicePorts { get; }

    /// <summary>PX-11: the health-check node ports of LoadBalancer Services with Local external policy, per node address.</summary>
    public ImmutableArray<HealthCheckFrontend> HealthChecks { get; }

    /// <summary>What compilation noticed: address conflicts, SCTP ports, unusable node addresses.</summary>
    public ImmutableArray<ClusterWarning> Diagnostics { get; }

    /// <summary>The frontend bound at <paramref name="address"/>:<paramref name="port"/>/<paramref name="protocol"/>, if any.</summary>
    public bool TryGetFrontend(ProxyProtocol protocol, IPAddress address, int port, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ProxyFrontend? frontend)
    {
        ArgumentNullException.ThrowIfNull(address);
        return _frontends.TryGetValue(new FrontendKey(AddressKey.Of(address), port, protocol), out frontend);
    }

    /// <summary>
    /// Places new traffic that arrived at <paramref name="localAddress"/>:<paramref name="localPort"/> from
    /// <paramref name="clientAddress"/> (§10). Lock-free and allocation-free.
    /// </summary>
    /// <param name="protocol">The transport.</param>
    /// <param name="localAddress">The destination address the client used.</param>
    /// <param name="localPort">The destination port.</param>
    /// <param name="clientAddress">The client's address (affinity, source ranges, policy).</param>
    /// <param name="lease">On <see cref="ProxyOutcome.Selected"/>, the endpoint; complete it exactly once.</param>
    public ProxyDecision Resolve(ProxyProtocol protocol, IPAddress localAddress, int localPort, IPAddress clientAddress, out EndpointLease lease)
    {
        ArgumentNullException.ThrowIfNull(localAddress);
        ArgumentNullException.ThrowIfNull(clientAddress);
        var local = AddressKey.Of(localAddress);
        if (!_frontends.TryGetValue(new FrontendKey(local, localPort, protocol), out var frontend))
        {
            lease = default;
            return _serviceAddresses.Contains(local)
                ? new ProxyDecision(ProxyOutcome.Rejected, ProxyReason.UnknownPort, null, null, null)
                : new ProxyDecision(ProxyOutcome.NotProxied, ProxyReason.UnknownDestination, null, null, null);
        }

        return Place(frontend.ServicePort, frontend, frontend.Kind, clientAddress, out lease);
    }

    /// <summary>
    /// Places traffic for a Service by name, as if it were sent to the Service's ClusterIP (internal policy): for
    /// callers that route to Services themselves, such as TLS passthrough. Headless and ExternalName Services are
    /// <see cref="ProxyOutcome.NotProxied"/> (PX-7).
    /// </summary>
    /// <param name="namespace">The Service's namespace.</param>
    /// <param name="service">The Service's name.</param>
    /// <param name="port">The ServicePort, by name when <see cref="ServiceBackendPort.Name"/> is set, else by number.</param>
    /// <param name="protocol">The transport.</param>
    /// <param name="clientAddress">The client's address.</param>
    /// <param name="lease">On <see cref="ProxyOutcome.Selected"/>, the endpoint; complete it exactly once.</param>
    public ProxyDecision ResolveService(string @namespace, string service, ServiceBackendPort port, ProxyProtocol protocol, IPAddress clientAddress, out EndpointLease lease)
    {
        ArgumentNullException.ThrowIfNull(port);
        ArgumentNullException.ThrowIfNull(clientAddress);
        lease = default;
        if (!_services.TryGetValue((@namespace, service), out var ports))
        {
            return new ProxyDecision(ProxyOutcome.NotProxied, ProxyReason.UnknownDestination, null, null, null);
        }

        if (ports is not { } proxied)
        {
            return new ProxyDecision(ProxyOutcome.NotProxied, ProxyReason.ServiceNotProxied, null, null, null);
        }

        foreach (var candidate in proxied)
        {
            var matches = port.Name is { Length: > 0 } name ? candidate.Port.Name == name : candidate.Port.Port == port.Number;
            if (matches && candidate.Protocol == protocol)
            {
                return Place(candidate, null, FrontendKind.ClusterIP, clientAddress, out lease);
            }
        }

        return new ProxyDecision(ProxyOutcome.Rejected, ProxyReason.UnknownPort, null, null, null);
    }

    /// <summary>The ServicePort of a Service by port number and transport, if it is proxied.</summary>
    public ProxyServicePort? FindServicePort(string @namespace, string service, int port, ProxyProtocol protocol)
    {
        if (_services.TryGetValue((@namespace, service), out var ports) && ports is { } proxied)
        {
            foreach (var candidate in proxied)
            {
                if (candidate.Port.Port == port && candidate.Protocol == protocol)
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>The node <paramref name="address"/> belongs to (a pod IP's node, or a node address's node), if known.</summary>
    internal string? NodeOf(UInt128 address) => _nodeOfAddress.TryGetValue(address, out var node) && node.Length > 0 ? node : null;

    private ProxyDecision Place(ProxyServicePort servicePort, ProxyFrontend? frontend, FrontendKind kind, IPAddress clientAddress, out EndpointLease lease)
    {
        lease = default;
        var client = AddressKey.Of(clientAddress);
        if (kind == FrontendKind.LoadBalancer && frontend is not null && !frontend.Ranges.Allows(client))
        {
            return new ProxyDecision(ProxyOutcome.Dropped, ProxyReason.SourceRangeDenied, frontend, servicePort, null);
        }

        if (servicePort.Endpoints.CandidateCategory == EndpointCategory.Unusable)
        {
            return new ProxyDecision(ProxyOutcome.Rejected, ProxyReason.NoEndpoints, frontend, servicePort, servicePort.Endpoints);
        }

        var set = servicePort.ClusterEndpoints;
        var local = false;
        if (kind == FrontendKind.ClusterIP)
        {
            if (servicePort.InternalPolicy == ServicePolicies.Local)
            {
                set = servicePort.ForNode(NodeOf(client) ?? _nodeName);
                local = true;
            }
        }
        else if (frontend?.LocalEndpoints is { } localSet && (kind == FrontendKind.NodePort || !IsInCluster(client)))
        {
            set = localSet;
            local = true;
        }

        var context = SelectionContext.None.WithClientAddress(clientAddress);
        if (set.TrySelect(in context, out lease))
        {
            return new ProxyDecision(ProxyOutcome.Selected, ProxyReason.None, frontend, servicePort, set);
        }

        return local
            ? new ProxyDecision(ProxyOutcome.Dropped, ProxyReason.NoLocalEndpoints, frontend, servicePort, set)
            : new ProxyDecision(ProxyOutcome.Rejected, ProxyReason.NoEndpoints, frontend, servicePort, set);
    }

    /// <summary>PX-6: a pod IP or node address (known, with or without a node), or inside the cluster CIDRs.</summary>
    private bool IsInCluster(UInt128 client) => _nodeOfAddress.ContainsKey(client) || _clusterRanges.Contains(client);
}
