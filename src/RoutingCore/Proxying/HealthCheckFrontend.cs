using System.Net;
using RoutingCore.Model;

namespace RoutingCore.Proxying;

/// <summary>
/// PX-11: the <c>healthCheckNodePort</c> of a LoadBalancer Service with Local external policy, on one node address.
/// An HTTP GET there answers 200 when the node has local endpoints for the Service and 503 when it has none, so a
/// load balancer sends traffic only to nodes that will not drop it (PX-5).
/// </summary>
public sealed class HealthCheckFrontend
{
    internal HealthCheckFrontend(Service service, IPAddress address, int port, string? nodeName, int localEndpoints)
    {
        Service = service;
        Address = address;
        Port = port;
        NodeName = nodeName;
        LocalEndpoints = localEndpoints;
        EndPoint = new IPEndPoint(address, port);
        AddressKey = Proxying.AddressKey.Of(address);
    }

    /// <summary>The Service.</summary>
    public Service Service { get; }

    /// <summary>The node address to listen on.</summary>
    public IPAddress Address { get; }

    /// <summary>The <c>healthCheckNodePort</c>.</summary>
    public int Port { get; }

    /// <summary><see cref="Address"/> and <see cref="Port"/>.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>The node the address belongs to (null: no node, so no local endpoints).</summary>
    public string? NodeName { get; }

    /// <summary>Usable endpoints of the Service on the node (distinct addresses over its proxied ports): 200 when above zero.</summary>
    public int LocalEndpoints { get; }

    /// <summary>The key of <see cref="Address"/>.</summary>
    internal UInt128 AddressKey { get; }

    /// <summary>The JSON body kube-proxy's health server answers with.</summary>
    public string Body =>
        $"{{\"service\":{{\"namespace\":\"{Service.Metadata.Namespace}\",\"name\":\"{Service.Metadata.Name}\"}},\"localEndpoints\":{LocalEndpoints},\"serviceProxyHealthy\":true}}";

    /// <summary><c>127.4.0.1:32000 health of shop/web (1 local endpoint)</c>.</summary>
    public override string ToString() => $"{EndPoint} health of {Service.Metadata.Namespace}/{Service.Metadata.Name} ({LocalEndpoints} local endpoints)";
}
