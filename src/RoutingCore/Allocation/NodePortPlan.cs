using System.Collections.Immutable;
using RoutingCore.Model;

namespace RoutingCore.Allocation;

/// <summary>
/// Which node ports one Service create or update keeps, allocates and releases (NPA-2, NPA-4, NPA-6, NPA-7,
/// SVC-V20, SVC-C1, SVC-C5), computed without touching an allocator.
/// </summary>
/// <remarks>
/// <para>
/// Algorithm, over the new ports in order: (1) on a NodePort or LoadBalancer Service, a port that leaves nodePort 0
/// takes the node port the old Service held for the same (port, protocol), unless the new spec gives that number
/// explicitly to another port (SVC-V20, NPA-7). (2) A port that needs one (NPA-2) and still has 0 takes the first
/// non-zero node port among the ports with the same port number (NPA-4). (3) Every non-zero node port the old Service
/// held is kept; any other is requested, once per distinct number, by the first port carrying it. (4) Ports still at
/// 0 that need one are auto-allocated, once per port number. (5) Old node ports no longer used are released. The
/// healthCheckNodePort is planned alike on its own: kept while needed, released when no longer needed (NPA-6, SVC-C5).
/// </para>
/// <para>
/// Subtle point: the same explicit nodePort on ports with different port numbers and protocols is allowed (NPA-4,
/// SVC-V12) and is allocated once, for the first of them. (Upstream's create path would try to allocate it twice and
/// fail with <c>provided port is already allocated</c>; the spec allows it, and RoutingCore follows the spec.)
/// </para>
/// <para>
/// Contract: the plan expects specs after defaulting (SVC-D1, SVC-D3, SVC-D6) and validation; it trusts them and never
/// fails. Applying it is the store's step: <see cref="Apply"/> allocates, explicit requests first and then automatic
/// ones and the healthCheckNodePort, and either succeeds with a <see cref="NodePortChange"/> the store later commits
/// or rolls back, or fails having rolled back its own allocations.
/// </para>
/// </remarks>
public sealed class NodePortPlan
{
    private NodePortPlan(ImmutableArray<ServicePort> ports, ImmutableArray<NodePortAssignment> assignments, NodePortAssignment healthCheck, ImmutableArray<int> release)
    {
        NewPorts = ports;
        Ports = assignments;
        HealthCheck = healthCheck;
        ToRelease = release;
    }

    /// <summary>The new Service's ports the plan is for, in order.</summary>
    public ImmutableArray<ServicePort> NewPorts { get; }

    /// <summary>One assignment per entry of <see cref="NewPorts"/>, in the same order.</summary>
    public ImmutableArray<NodePortAssignment> Ports { get; }

    /// <summary>The healthCheckNodePort's assignment (<see cref="NodePortAssignment.Owner"/> is -1).</summary>
    public NodePortAssignment HealthCheck { get; }

    /// <summary>Node ports the old Service held that the new one does not, distinct, to release once the change is stored.</summary>
    public ImmutableArray<int> ToRelease { get; }

    /// <summary>Plans the node ports of a create (<paramref name="oldSpec"/> null) or an update.</summary>
    /// <param name="newSpec">The new spec, defaulted and validated.</param>
    /// <param name="oldSpec">The stored spec being replaced, or null on create.</param>
    public static NodePortPlan Create(ServiceSpec newSpec, ServiceSpec? oldSpec)
    {
        ArgumentNullException.ThrowIfNull(newSpec);
        var ports = newSpec.Ports.IsDefault ? [] : newSpec.Ports;
        var oldPorts = oldSpec is null || oldSpec.Ports.IsDefault ? [] : oldSpec.Ports;
        var hasNodePorts = newSpec.Type is ServiceTypes.NodePort or ServiceTypes.LoadBalancer;
        var allocatesAll = newSpec.Type == ServiceTypes.NodePort ||
            (newSpec.Type == ServiceTypes.LoadBalancer && newSpec.AllocateLoadBalancerNodePorts != false);

        var held = new HashSet<int>();
        foreach (var old in oldPorts)
        {
            if (old.NodePort != 0)
            {
                held.Add(old.NodePort);
            }
        }

        var values = new int[ports.Length];
        if (hasNodePorts)
        {
            var explicitValues = new HashSet<int>();
            for (var i = 0; i < ports.Length; i++)
            {
                values[i] = ports[i].NodePort;
                if (values[i] != 0)
                {
                    explicitValues.Add(values[i]);
                }
            }

            for (var i = 0; i < ports.Length; i++)
            {
                if (values[i] == 0)
                {
                    var kept = HeldFor(ports[i], oldPorts);
                    values[i] = explicitValues.Contains(kept) ? 0 : kept;
                }
            }

            if (allocatesAll)
            {
                ShareByPortNumber(ports, values);
            }
        }

        var assignments = ImmutableArray.CreateBuilder<NodePortAssignment>(ports.Length);
        var used = new HashSet<int>();
        for (var i = 0; i < ports.Length; i++)
        {
            assignments.Add(Assign(i, ports, values, held, allocatesAll));
            if (values[i] != 0)
            {
                used.Add(values[i]);
            }
        }

        var healthCheck = PlanHealthCheck(newSpec, oldSpec?.HealthCheckNodePort ?? 0);
        var release = ImmutableArray.CreateBuilder<int>();
        foreach (var old in oldPorts)
        {
            if (old.NodePort != 0 && !used.Contains(old.NodePort) && !release.Contains(old.NodePort))
            {
                release.Add(old.NodePort);
            }
        }

        var oldHealthCheck = oldSpec?.HealthCheckNodePort ?? 0;
        if (oldHealthCheck != 0 && !(healthCheck.Action == NodePortAction.Keep && healthCheck.NodePort == oldHealthCheck) && !release.Contains(oldHealthCheck))
        {
            release.Add(oldHealthCheck);
        }

        return new NodePortPlan(ports, assignments.MoveToImmutable(), healthCheck, release.ToImmutable());
    }

    /// <summary>Performs the plan's allocations on <paramref name="allocator"/>; see <see cref="NodePortChange"/>.</summary>
    /// <returns>The new ports and healthCheckNodePort with the allocations to commit or roll back, or the error; on
    /// error the allocator is as it was.</returns>
    public NodePortChange Apply(NodePortAllocator allocator) => NodePortChange.Apply(this, allocator);

    /// <summary>True when a LoadBalancer Service needs a healthCheckNodePort (NPA-6): externalTrafficPolicy Local.</summary>
    internal static bool NeedsHealthCheck(ServiceSpec spec) =>
        spec.Type == ServiceTypes.LoadBalancer && spec.ExternalTrafficPolicy == ServicePolicies.Local;

    private static int HeldFor(ServicePort port, ImmutableArray<ServicePort> oldPorts)
    {
        foreach (var old in oldPorts)
        {
            if (old.Port == port.Port && Protocol(old) == Protocol(port))
            {
                return old.NodePort;
            }
        }

        return 0;
    }

    private static string Protocol(ServicePort port) => port.Protocol.Length == 0 ? "TCP" : port.Protocol;

    private static void ShareByPortNumber(ImmutableArray<ServicePort> ports, int[] values)
    {
        for (var i = 0; i < ports.Length; i++)
        {
            if (values[i] != 0)
            {
                continue;
            }

            for (var j = 0; j < ports.Length; j++)
            {
                if (values[j] != 0 && ports[j].Port == ports[i].Port)
                {
                    values[i] = values[j];
                    break;
                }
            }
        }
    }

    private static NodePortAssignment Assign(int i, ImmutableArray<ServicePort> ports, int[] values, HashSet<int> held, bool allocatesAll)
    {
        var value = values[i];
        if (value != 0)
        {
            return held.Contains(value)
                ? new NodePortAssignment(NodePortAction.Keep, value, -1)
                : new NodePortAssignment(NodePortAction.Request, value, Array.IndexOf(values, value));
        }

        if (!allocatesAll)
        {
            return new NodePortAssignment(NodePortAction.None, 0, -1);
        }

        var owner = i;
        for (var j = 0; j < i; j++)
        {
            if (values[j] == 0 && ports[j].Port == ports[i].Port)
            {
                owner = j;
                break;
            }
        }

        return new NodePortAssignment(NodePortAction.Allocate, 0, owner);
    }

    private static NodePortAssignment PlanHealthCheck(ServiceSpec spec, int oldValue)
    {
        if (!NeedsHealthCheck(spec))
        {
            return new NodePortAssignment(NodePortAction.None, 0, -1);
        }

        var value = spec.HealthCheckNodePort;
        if (value == 0 || value == oldValue)
        {
            return oldValue != 0
                ? new NodePortAssignment(NodePortAction.Keep, oldValue, -1)
                : new NodePortAssignment(NodePortAction.Allocate, 0, -1);
        }

        return new NodePortAssignment(NodePortAction.Request, value, -1);
    }
}
