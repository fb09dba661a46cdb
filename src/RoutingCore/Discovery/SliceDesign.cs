using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using RoutingCore.Model;
using RoutingCore.State;
using RoutingCore.Validation;

namespace RoutingCore.Discovery;

/// <summary>The content one managed slice should have: its port list and (at most the slice size) endpoints.</summary>
/// <param name="AddressType">IPv4 or IPv6.</param>
/// <param name="Ports">The resolved port list every endpoint of the slice shares.</param>
/// <param name="Endpoints">The endpoints, ordered by address.</param>
internal sealed record DesiredSlice(string AddressType, ImmutableArray<EndpointPort> Ports, ImmutableArray<Endpoint> Endpoints)
{
    /// <summary>A canonical text of <see cref="Ports"/>, to match desired slices with existing ones.</summary>
    public string PortKey => SliceDesign.PortKey(Ports);
}

/// <summary>
/// Computes a Service's managed slices from its selected pods (EPS-C2..C7): one endpoint per pod with an IP of the
/// Service's family that is not terminal; conditions from readiness and deletion; ports resolved per pod (a named
/// targetPort may resolve differently on each pod, so pods are grouped by their resolved port list); each group sorted
/// by address and cut into slices of at most the configured size.
/// </summary>
internal static class SliceDesign
{
    /// <summary>The node label giving the zone (EPS-C4).</summary>
    public const string ZoneLabel = "topology.kubernetes.io/zone";

    public static List<DesiredSlice> Compute(Service service, IReadOnlyList<Pod> pods, ClusterView view, int maxPerSlice)
    {
        var family = FamilyOf(service);
        var groups = new Dictionary<string, (ImmutableArray<EndpointPort> Ports, List<(IPAddress Address, Endpoint Endpoint)> Endpoints)>(StringComparer.Ordinal);
        foreach (var pod in pods)
        {
            if (pod.IsTerminal || AddressOf(pod, family) is not { } address)
            {
                continue;
            }

            var ports = ResolvePorts(service, pod);
            var key = PortKey(ports);
            if (!groups.TryGetValue(key, out var group))
            {
                groups[key] = group = (ports, []);
            }

            group.Endpoints.Add((address, EndpointFor(service, pod, address, view)));
        }

        var slices = new List<DesiredSlice>();
        foreach (var (_, (ports, endpoints)) in groups.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            endpoints.Sort((a, b) => CompareAddresses(a.Address, b.Address));
            foreach (var chunk in endpoints.Chunk(maxPerSlice))
            {
                slices.Add(new DesiredSlice(family == AddressFamily.InterNetworkV6 ? AddressTypes.IPv6 : AddressTypes.IPv4, ports, [.. chunk.Select(e => e.Endpoint)]));
            }
        }

        if (slices.Count == 0)
        {
            // As upstream: a selecting Service with no endpoints keeps one empty placeholder slice.
            slices.Add(new DesiredSlice(family == AddressFamily.InterNetworkV6 ? AddressTypes.IPv6 : AddressTypes.IPv4, [], []));
        }

        return slices;
    }

    /// <summary>EPS-C5: the Service's ports as this pod serves them; a named targetPort the pod lacks leaves that port out.</summary>
    public static ImmutableArray<EndpointPort> ResolvePorts(Service service, Pod pod)
    {
        var ports = ImmutableArray.CreateBuilder<EndpointPort>(service.Spec.Ports.Length);
        foreach (var servicePort in service.Spec.Ports)
        {
            var protocol = servicePort.Protocol.Length == 0 ? "TCP" : servicePort.Protocol;
            int? number = servicePort.TargetPort.IsName
                ? FindContainerPort(pod, servicePort.TargetPort.Name!, protocol)
                : servicePort.TargetPort.IsUnset ? servicePort.Port : servicePort.TargetPort.Number;
            if (number is not null)
            {
                ports.Add(new EndpointPort(servicePort.Name, protocol, number, servicePort.AppProtocol));
            }
        }

        return ports.DrainToImmutable();
    }

    public static string PortKey(ImmutableArray<EndpointPort> ports) =>
        string.Join(";", ports.Select(p => $"{p.Name}/{p.Protocol}/{p.Port}/{p.AppProtocol}"));

    private static int? FindContainerPort(Pod pod, string name, string protocol)
    {
        foreach (var container in pod.Spec.Containers.Concat(pod.Spec.InitContainers.Where(c => c.RestartPolicy == "Always")))
        {
            foreach (var port in container.Ports)
            {
                var portProtocol = port.Protocol.Length == 0 ? "TCP" : port.Protocol;
                if (port.Name == name && portProtocol == protocol)
                {
                    return port.ContainerPortNumber;
                }
            }
        }

        return null;
    }

    /// <summary>EPS-C3 and EPS-C4.</summary>
    private static Endpoint EndpointFor(Service service, Pod pod, IPAddress address, ClusterView view)
    {
        var serving = pod.IsReady;
        var terminating = pod.IsTerminating;
        var ready = service.Spec.PublishNotReadyAddresses || (serving && !terminating);
        string? zone = null;
        if (pod.Spec.NodeName is { Length: > 0 } nodeName && view.Get<Node>("", nodeName) is { } node)
        {
            node.Metadata.Labels.TryGetValue(ZoneLabel, out zone);
        }

        return new Endpoint
        {
            Addresses = [address.ToString()],
            Conditions = new EndpointConditions(ready, serving, terminating),
            Hostname = pod.Spec.Subdomain == service.Metadata.Name && !string.IsNullOrEmpty(pod.Spec.Hostname) ? pod.Spec.Hostname : null,
            NodeName = string.IsNullOrEmpty(pod.Spec.NodeName) ? null : pod.Spec.NodeName,
            Zone = zone,
            TargetRef = new ObjectReference("Pod", pod.Metadata.Namespace, pod.Metadata.Name, pod.Metadata.Uid),
        };
    }

    /// <summary>EPS-C6: the slice family follows the Service's IP family (IPv4 unless it says IPv6).</summary>
    private static AddressFamily FamilyOf(Service service)
    {
        if (service.Spec.IpFamilies.Length > 0)
        {
            return service.Spec.IpFamilies[0] == "IPv6" ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork;
        }

        return IPRules.TryParse(service.Spec.ClusterIP, out var ip) ? ip.AddressFamily : AddressFamily.InterNetwork;
    }

    private static IPAddress? AddressOf(Pod pod, AddressFamily family)
    {
        foreach (var text in pod.Status.PodIPs.IsDefaultOrEmpty ? [pod.Status.PodIP ?? ""] : pod.Status.PodIPs)
        {
            if (IPRules.TryParse(text, out var ip) && ip.AddressFamily == family)
            {
                return ip;
            }
        }

        return null;
    }

    private static int CompareAddresses(IPAddress a, IPAddress b)
    {
        Span<byte> x = stackalloc byte[16];
        Span<byte> y = stackalloc byte[16];
        a.TryWriteBytes(x, out var xn);
        b.TryWriteBytes(y, out var yn);
        return xn != yn ? xn.CompareTo(yn) : x[..xn].SequenceCompareTo(y[..yn]);
    }
}
