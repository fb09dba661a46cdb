using k8s.Models;
using RoutingCore.Model;

namespace RoutingCore.Kubernetes.Output;

/// <summary>
/// <c>kubectl get services</c>: <c>NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE</c>, wide adds <c>SELECTOR</c>.
/// EXTERNAL-IP is the externalIPs, or for a LoadBalancer its status addresses (sorted, then the externalIPs), else
/// <c>&lt;pending&gt;</c>; PORT(S) is <c>port[:nodePort]/protocol</c>, comma-joined.
/// </summary>
internal sealed class ServiceTable : TableFormat<V1Service>
{
    /// <summary>Beyond this many characters a LoadBalancer's address list is cut, unless wide (kubectl's loadBalancerWidth).</summary>
    private const int LoadBalancerWidth = 16;

    public override ObjectKind Kind => ObjectKind.Service;

    public override string[] Headers(bool wide) => wide
        ? ["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE", "SELECTOR"]
        : ["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"];

    /// <summary>kubectl's loadBalancerStatusStringer: the distinct IPs (else hostnames), sorted, comma-joined, cut to 16 characters unless wide.</summary>
    public static string LoadBalancerAddresses(IEnumerable<(string? Ip, string? Hostname)> ingress, bool wide)
    {
        var addresses = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (ip, hostname) in ingress)
        {
            if (!string.IsNullOrEmpty(ip))
            {
                addresses.Add(ip);
            }
            else if (!string.IsNullOrEmpty(hostname))
            {
                addresses.Add(hostname);
            }
        }

        var text = string.Join(",", addresses);
        return !wide && text.Length > LoadBalancerWidth ? text[..(LoadBalancerWidth - 3)] + "..." : text;
    }

    protected override string[] Row(V1Service obj, bool wide, TableClock clock)
    {
        var spec = obj.Spec ?? new V1ServiceSpec();
        var clusterIP = spec.ClusterIPs is { Count: > 0 } ips ? ips[0] : "<none>";
        var ports = string.Join(",", (spec.Ports ?? []).Select(p => p.NodePort is > 0
            ? $"{p.Port}:{p.NodePort}/{p.Protocol}"
            : $"{p.Port}/{p.Protocol}"));
        string[] row = [obj.Metadata.Name, spec.Type ?? "", clusterIP, ExternalIP(obj, wide), ports.Length == 0 ? "<none>" : ports, clock.Since(obj.Metadata.CreationTimestamp)];
        return wide ? [.. row, Selectors.FormatLabels(spec.Selector)] : row;
    }

    private static string ExternalIP(V1Service service, bool wide)
    {
        var spec = service.Spec;
        var external = spec.ExternalIPs ?? [];
        switch (spec.Type)
        {
            case ServiceTypes.ClusterIP:
            case ServiceTypes.NodePort:
                return external.Count > 0 ? string.Join(",", external) : "<none>";
            case ServiceTypes.LoadBalancer:
                var addresses = LoadBalancerAddresses((service.Status?.LoadBalancer?.Ingress ?? []).Select(i => ((string?)i.Ip, (string?)i.Hostname)), wide);
                if (external.Count > 0)
                {
                    var all = addresses.Length > 0 ? addresses.Split(',').ToList() : [];
                    all.AddRange(external);
                    return string.Join(",", all);
                }

                return addresses.Length > 0 ? addresses : "<pending>";
            case ServiceTypes.ExternalName:
                return spec.ExternalName ?? "";
            default:
                return "<unknown>";
        }
    }
}
