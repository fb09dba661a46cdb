using System.Globalization;
using k8s.Models;
using RoutingCore.Model;

namespace RoutingCore.Kubernetes.Output;

/// <summary><c>kubectl get namespaces</c>: <c>NAME STATUS AGE</c>.</summary>
internal sealed class NamespaceTable : TableFormat<V1Namespace>
{
    public override ObjectKind Kind => ObjectKind.Namespace;

    public override string[] Headers(bool wide) => ["NAME", "STATUS", "AGE"];

    protected override string[] Row(V1Namespace obj, bool wide, TableClock clock) =>
        [obj.Metadata.Name, obj.Status?.Phase ?? "", clock.Since(obj.Metadata.CreationTimestamp)];
}

/// <summary><c>kubectl get secrets</c>: <c>NAME TYPE DATA AGE</c>.</summary>
internal sealed class SecretTable : TableFormat<V1Secret>
{
    public override ObjectKind Kind => ObjectKind.Secret;

    public override string[] Headers(bool wide) => ["NAME", "TYPE", "DATA", "AGE"];

    protected override string[] Row(V1Secret obj, bool wide, TableClock clock) =>
        [obj.Metadata.Name, obj.Type ?? "", (obj.Data?.Count ?? 0).ToString(CultureInfo.InvariantCulture), clock.Since(obj.Metadata.CreationTimestamp)];
}

/// <summary><c>kubectl get configmaps</c>: <c>NAME DATA AGE</c> (DATA counts data and binaryData keys).</summary>
internal sealed class ConfigMapTable : TableFormat<V1ConfigMap>
{
    public override ObjectKind Kind => ObjectKind.ConfigMap;

    public override string[] Headers(bool wide) => ["NAME", "DATA", "AGE"];

    protected override string[] Row(V1ConfigMap obj, bool wide, TableClock clock) =>
        [obj.Metadata.Name, ((obj.Data?.Count ?? 0) + (obj.BinaryData?.Count ?? 0)).ToString(CultureInfo.InvariantCulture), clock.Since(obj.Metadata.CreationTimestamp)];
}

/// <summary>
/// <c>kubectl get endpoints</c>: <c>NAME ENDPOINTS AGE</c>. ENDPOINTS lists <c>ip:port</c> for every ready address and
/// port (just the IP for a subset without ports), stopping after three with <c> + N more...</c>; <c>&lt;none&gt;</c>
/// without subsets.
/// </summary>
internal sealed class EndpointsTable : TableFormat<V1Endpoints>
{
    public override ObjectKind Kind => ObjectKind.Endpoints;

    public override string[] Headers(bool wide) => ["NAME", "ENDPOINTS", "AGE"];

    protected override string[] Row(V1Endpoints obj, bool wide, TableClock clock)
    {
        var entries = new List<string>();
        foreach (var subset in obj.Subsets ?? [])
        {
            var addresses = subset.Addresses ?? [];
            if (subset.Ports is not { Count: > 0 } ports)
            {
                entries.AddRange(addresses.Select(a => a.Ip));
                continue;
            }

            foreach (var port in ports)
            {
                entries.AddRange(addresses.Select(a => JoinHostPort(a.Ip, port.Port)));
            }
        }

        var text = obj.Subsets is { Count: > 0 } ? ListText.WithMore(entries, "") : "<none>";
        return [obj.Metadata.Name, text, clock.Since(obj.Metadata.CreationTimestamp)];
    }

    /// <summary>Go's <c>net.JoinHostPort</c>: IPv6 addresses are bracketed.</summary>
    private static string JoinHostPort(string host, int port) =>
        host.Contains(':', StringComparison.Ordinal) ? $"[{host}]:{port.ToString(CultureInfo.InvariantCulture)}" : $"{host}:{port.ToString(CultureInfo.InvariantCulture)}";
}
