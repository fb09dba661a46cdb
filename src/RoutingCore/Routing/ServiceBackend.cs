using RoutingCore.Balancing;
using RoutingCore.Model;

namespace RoutingCore.Routing;

/// <summary>
/// A Service port as an Ingress path resolves it (§6.5), compiled into the snapshot so that a request needs no lookup:
/// the Service, the ServicePort (ING-B1), and the eligible endpoints with their selection strategy (ING-B2, B3, B7).
/// </summary>
public sealed class ServiceBackend
{
    internal ServiceBackend(string @namespace, string serviceName, ServiceBackendPort portReference, BackendStatus status,
        Service? service, ServicePort? port, EndpointSet? endpoints, string? externalName)
    {
        Namespace = @namespace;
        ServiceName = serviceName;
        PortReference = portReference;
        Status = status;
        Service = service;
        Port = port;
        Endpoints = endpoints;
        ExternalName = externalName;
    }

    /// <summary>The namespace (always the Ingress's, NS-5).</summary>
    public string Namespace { get; }

    /// <summary>The Service's name.</summary>
    public string ServiceName { get; }

    /// <summary>The port as the Ingress names it (number or name).</summary>
    public ServiceBackendPort PortReference { get; }

    /// <summary>Whether the backend can take traffic.</summary>
    public BackendStatus Status { get; }

    /// <summary>The Service, when it exists.</summary>
    public Service? Service { get; }

    /// <summary>The ServicePort the reference selects, when it exists.</summary>
    public ServicePort? Port { get; }

    /// <summary>The endpoints and the strategy choosing among them (no candidates when <see cref="Status"/> is NoEndpoints); null for other statuses.</summary>
    public EndpointSet? Endpoints { get; }

    /// <summary>For an ExternalName Service, the DNS name to forward to (on <see cref="Port"/>'s port).</summary>
    public string? ExternalName { get; }

    /// <summary>A short description: <c>shop/web:80</c>.</summary>
    public override string ToString() =>
        $"{Namespace}/{ServiceName}:{(PortReference.Name is { Length: > 0 } name ? name : PortReference.Number.ToString(System.Globalization.CultureInfo.InvariantCulture))}";
}
