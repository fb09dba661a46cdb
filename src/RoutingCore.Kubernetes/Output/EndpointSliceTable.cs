using System.Globalization;
using k8s.Models;
using RoutingCore.Model;

namespace RoutingCore.Kubernetes.Output;

/// <summary>
/// <c>kubectl get endpointslices</c>: <c>NAME ADDRESSTYPE PORTS ENDPOINTS AGE</c>. PORTS lists port numbers (a port
/// without a number shows its name, else <c>*</c>); ENDPOINTS lists addresses; both stop after three with
/// <c> + N more...</c> and read <c>&lt;unset&gt;</c> when empty.
/// </summary>
internal sealed class EndpointSliceTable : TableFormat<V1EndpointSlice>
{
    public override ObjectKind Kind => ObjectKind.EndpointSlice;

    public override string[] Headers(bool wide) => ["NAME", "ADDRESSTYPE", "PORTS", "ENDPOINTS", "AGE"];

    protected override string[] Row(V1EndpointSlice obj, bool wide, TableClock clock)
    {
        var ports = (obj.Ports ?? []).Select(p => p.Port is { } port ? port.ToString(CultureInfo.InvariantCulture) : p.Name ?? "*").ToList();
        var addresses = (obj.Endpoints ?? []).SelectMany(e => e.Addresses ?? []).ToList();
        return [obj.Metadata.Name, obj.AddressType ?? "", ListText.WithMore(ports, "<unset>"), ListText.WithMore(addresses, "<unset>"), clock.Since(obj.Metadata.CreationTimestamp)];
    }
}
