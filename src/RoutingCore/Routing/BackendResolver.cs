using RoutingCore.Balancing;
using RoutingCore.Discovery;
using RoutingCore.Model;
using RoutingCore.State;

namespace RoutingCore.Routing;

/// <summary>
/// Resolves Ingress Service backends for one compilation (§6.5): the Service in the Ingress's namespace (NS-5), its
/// port by number or name (ING-B1), its endpoints from the EndpointSlices (ING-B2) with the eligibility of ING-B3, or
/// why the backend will answer 503 (ING-B4). Paths that name the same Service port share one <see cref="ServiceBackend"/>.
/// </summary>
internal sealed class BackendResolver(ClusterView view, IngressControllerOptions options, BackendStates states)
{
    private readonly ServiceSliceIndex _slices = new(view);
    private readonly Dictionary<(string Namespace, string Service, string? PortName, int PortNumber), ServiceBackend> _resolved = [];

    public ServiceBackend Resolve(string @namespace, IngressServiceBackend reference)
    {
        var key = (@namespace, reference.Name, reference.Port.Name, reference.Port.Number);
        if (!_resolved.TryGetValue(key, out var backend))
        {
            _resolved[key] = backend = Build(@namespace, reference);
        }

        return backend;
    }

    private ServiceBackend Build(string @namespace, IngressServiceBackend reference)
    {
        var service = view.Get<Service>(@namespace, reference.Name);
        if (service is null)
        {
            return new(@namespace, reference.Name, reference.Port, BackendStatus.ServiceNotFound, null, null, null, null);
        }

        var port = FindPort(service, reference.Port);
        if (port is null)
        {
            return new(@namespace, reference.Name, reference.Port, BackendStatus.PortNotFound, service, null, null, null);
        }

        if (service.Spec.Type == ServiceTypes.ExternalName)
        {
            return options.AllowExternalNameBackends && !string.IsNullOrEmpty(service.Spec.ExternalName)
                ? new(@namespace, reference.Name, reference.Port, BackendStatus.ExternalName, service, port, null, service.Spec.ExternalName.TrimEnd('.'))
                : new(@namespace, reference.Name, reference.Port, BackendStatus.NotProxied, service, port, null, null);
        }

        var (registry, strategy) = states.For(service, port);
        var endpoints = EndpointSet.Create(ServicePortEndpoints.Resolve(_slices.For(@namespace, reference.Name), port), registry, strategy);
        return endpoints.Candidates.IsEmpty
            ? new(@namespace, reference.Name, reference.Port, BackendStatus.NoEndpoints, service, port, endpoints, null)
            : new(@namespace, reference.Name, reference.Port, BackendStatus.Ready, service, port, endpoints, null);
    }

    /// <summary>ING-B1: by <c>port.number</c> against ServicePort.port, or by <c>port.name</c> against ServicePort.name.</summary>
    private static ServicePort? FindPort(Service service, ServiceBackendPort reference)
    {
        foreach (var port in service.Spec.Ports)
        {
            if (!string.IsNullOrEmpty(reference.Name) ? port.Name == reference.Name : port.Port == reference.Number)
            {
                return port;
            }
        }

        return null;
    }
}
