using System.Collections.Immutable;
using System.Net;
using RoutingCore.Model;

namespace RoutingCore.Proxying;

/// <summary>
/// One address a Service port is reachable at (PX-1): the address, port and transport a listener binds, what kind of
/// Service address it is, and how traffic arriving there picks its endpoints (policy, receiving node, source ranges).
/// </summary>
public sealed class ProxyFrontend
{
    internal ProxyFrontend(ProxyServicePort servicePort, FrontendKind kind, IPAddress address, int port, string? receivingNode, SourceRangeSet sourceRanges)
    {
        ServicePort = servicePort;
        Kind = kind;
        Address = address;
        Port = port;
        ReceivingNode = receivingNode;
        Ranges = sourceRanges;
        AddressKey = Proxying.AddressKey.Of(address);
        Policy = kind == FrontendKind.ClusterIP ? servicePort.InternalPolicy : servicePort.ExternalPolicy;
        EndPoint = new IPEndPoint(address, port);
        LocalEndpoints = Policy == ServicePolicies.Local && kind != FrontendKind.ClusterIP ? servicePort.ForNode(receivingNode) : null;
    }

    /// <summary>The Service port behind this address.</summary>
    public ProxyServicePort ServicePort { get; }

    /// <summary>Which Service address this is.</summary>
    public FrontendKind Kind { get; }

    /// <summary>The address to listen on.</summary>
    public IPAddress Address { get; }

    /// <summary>The port to listen on: <c>ServicePort.port</c>, or <c>nodePort</c> for <see cref="FrontendKind.NodePort"/>.</summary>
    public int Port { get; }

    /// <summary>The transport.</summary>
    public ProxyProtocol Protocol => ServicePort.Protocol;

    /// <summary><see cref="Address"/> and <see cref="Port"/>, for binding.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary><c>Cluster</c> or <c>Local</c>: the policy that applies here (PX-6).</summary>
    public string Policy { get; }

    /// <summary>
    /// The node traffic arriving here is received by, for Local external policy: the node owning a node address, or
    /// the proxy's own node for LoadBalancer and external IPs (the announcing node when the proxy models every node).
    /// Null for ClusterIP frontends, whose Local policy follows the client's node.
    /// </summary>
    public string? ReceivingNode { get; }

    /// <summary>The <c>loadBalancerSourceRanges</c> enforced here (PX-9); empty when every client is allowed.</summary>
    public ImmutableArray<string> SourceRanges => Ranges.Text;

    /// <summary>The compiled source ranges.</summary>
    internal SourceRangeSet Ranges { get; }

    /// <summary>The key of <see cref="Address"/>.</summary>
    internal UInt128 AddressKey { get; }

    /// <summary>For external frontends under Local policy, the receiving node's endpoints; otherwise null.</summary>
    internal Balancing.EndpointSet? LocalEndpoints { get; }

    /// <summary><c>127.2.0.10:80/TCP ClusterIP of shop/web:http</c>.</summary>
    public override string ToString() => $"{EndPoint}/{(Protocol == ProxyProtocol.Tcp ? "TCP" : "UDP")} {Kind} of {ServicePort.ServiceLabel}:{ServicePort.PortLabel}";
}
