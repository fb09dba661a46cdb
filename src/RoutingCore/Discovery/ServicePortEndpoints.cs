using RoutingCore.Balancing;
using RoutingCore.Model;

namespace RoutingCore.Discovery;

/// <summary>
/// The endpoints of one ServicePort, as kube-proxy and Ingress controllers read them from EndpointSlices (ING-B2, PX-2):
/// from every slice of the Service, the port entry whose name equals the ServicePort's name (empty for an unnamed port)
/// and whose protocol equals the ServicePort's; each endpoint's first address on that port number, with its conditions.
/// Duplicates across slices are left for <see cref="EndpointSet.Create"/> to merge (it keeps the most-ready entry).
/// </summary>
public static class ServicePortEndpoints
{
    /// <summary>The endpoint descriptions of <paramref name="port"/> from <paramref name="slices"/>.</summary>
    public static List<EndpointDescription> Resolve(IReadOnlyList<EndpointSlice> slices, ServicePort port)
    {
        ArgumentNullException.ThrowIfNull(slices);
        ArgumentNullException.ThrowIfNull(port);
        var protocol = port.Protocol.Length == 0 ? "TCP" : port.Protocol;
        var endpoints = new List<EndpointDescription>();
        foreach (var slice in slices)
        {
            if (slice.AddressType is not (AddressTypes.IPv4 or AddressTypes.IPv6))
            {
                continue;
            }

            int? number = null;
            foreach (var slicePort in slice.Ports)
            {
                if (slicePort.Name == port.Name && slicePort.Protocol == protocol)
                {
                    number = slicePort.Port;
                    break;
                }
            }

            if (number is not { } portNumber)
            {
                continue;
            }

            foreach (var endpoint in slice.Endpoints)
            {
                if (endpoint.Addresses.IsDefaultOrEmpty)
                {
                    continue;
                }

                endpoints.Add(new EndpointDescription(endpoint.Addresses[0], portNumber)
                {
                    NodeName = endpoint.NodeName,
                    Zone = endpoint.Zone,
                }.WithConditions(endpoint.Conditions.Ready, endpoint.Conditions.Serving, endpoint.Conditions.Terminating));
            }
        }

        return endpoints;
    }
}
