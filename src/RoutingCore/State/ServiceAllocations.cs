using RoutingCore.Allocation;
using RoutingCore.Model;
using RoutingCore.Validation;

namespace RoutingCore.State;

/// <summary>
/// The allocation step of M-1 for Services: ClusterIPs (§9.1) and node ports (§9.2), driven by the write pipeline
/// inside a <see cref="Transaction"/>. New allocations are undone if the transaction fails; releases of what the old
/// Service held wait for the commit (IPA-7, NPA-7). LoadBalancer addresses are a controller's job (LBA-3).
/// </summary>
internal sealed class ServiceAllocations
{
    private static readonly FieldPath ClusterIPsPath = FieldPath.Root("spec").Child("clusterIPs");
    private readonly ServiceIPAllocator _ips;
    private readonly NodePortAllocator _nodePorts;

    public ServiceAllocations(ClusterStateOptions options, Random random)
    {
        _ips = new ServiceIPAllocator(options.ServiceCidr, random);
        _nodePorts = new NodePortAllocator(options.NodePortMin, options.NodePortMax, random);
    }

    /// <summary>The first service address, held by the <c>kubernetes</c> Service (IPA-3).</summary>
    public string KubernetesServiceAddress => _ips.FirstAddress.ToString();

    /// <summary>True when the service allocator holds <paramref name="address"/> (for tests and diagnostics).</summary>
    internal bool IsAllocated(System.Net.IPAddress address) => _ips.IsAllocated(address);

    /// <summary>True when the node-port allocator holds <paramref name="port"/> (for tests and diagnostics).</summary>
    internal bool IsNodePortAllocated(int port) => _nodePorts.IsAllocated(port);

    /// <summary>Allocates what <paramref name="service"/> needs that <paramref name="old"/> (on update) did not hold.</summary>
    /// <exception cref="ApiException">A requested address or port is invalid or taken (422), or a range is full (500).</exception>
    public Service Allocate(Transaction txn, Service service, Service? old)
    {
        service = AllocateClusterIP(txn, service, old);
        return AllocateNodePorts(txn, service, old);
    }

    /// <summary>Releases, on commit, everything a deleted Service held (IPA-6).</summary>
    public void ReleaseOnDelete(Transaction txn, Service service)
    {
        if (HeldAddress(service) is { } address)
        {
            txn.OnCommit(() => _ips.Release(address));
        }

        var ports = service.Spec.Ports.Select(p => p.NodePort).Append(service.Spec.HealthCheckNodePort).Where(p => p != 0).Distinct().ToList();
        txn.OnCommit(() => ports.ForEach(p => _nodePorts.Release(p)));
    }

    private Service AllocateClusterIP(Transaction txn, Service service, Service? old)
    {
        var held = old is null ? null : HeldAddress(old);
        var wanted = service.Spec.ClusterIP;
        if (service.Spec.Type == ServiceTypes.ExternalName || wanted == ServicePolicies.None)
        {
            // SVC-C2 / headless: no address; give back what the old Service held.
            if (held is not null)
            {
                txn.OnCommit(() => _ips.Release(held));
            }

            return service;
        }

        System.Net.IPAddress address;
        if (wanted.Length == 0)
        {
            var result = _ips.Allocate();
            if (!result.IsSuccess)
            {
                throw ApiException.Internal(ObjectKind.Service, service.Metadata.Namespace, service.Metadata.Name, "failed to allocate a serviceIP: " + result.Message);
            }

            address = result.Value!;
            txn.OnRollback(() => _ips.Release(address));
        }
        else
        {
            if (!IPRules.TryParse(wanted, out address))
            {
                // Validation refuses such a value first; this keeps the allocator from ever seeing one.
                throw ApiException.Invalid(ObjectKind.Service, service.Metadata.Namespace, service.Metadata.Name,
                    [FieldError.Invalid(ClusterIPsPath.Index(0), wanted, NameRules.IPMessage)]);
            }

            if (held is null || !held.Equals(address))
            {
                var result = _ips.Allocate(address);
                if (!result.IsSuccess)
                {
                    throw ApiException.Invalid(ObjectKind.Service, service.Metadata.Namespace, service.Metadata.Name,
                        [FieldError.Invalid(ClusterIPsPath, new[] { wanted }, result.Message)]);
                }

                txn.OnRollback(() => _ips.Release(address));
                if (held is not null)
                {
                    txn.OnCommit(() => _ips.Release(held));
                }
            }
        }

        return ServiceDefaults.FillClusterIPFamilies(service with { Spec = service.Spec with { ClusterIP = address.ToString() } });
    }

    private Service AllocateNodePorts(Transaction txn, Service service, Service? old)
    {
        var change = NodePortPlan.Create(service.Spec, old?.Spec).Apply(_nodePorts);
        if (!change.Succeeded)
        {
            if (change.Invalid is { } invalid)
            {
                throw ApiException.Invalid(ObjectKind.Service, service.Metadata.Namespace, service.Metadata.Name, [invalid]);
            }

            throw ApiException.Internal(ObjectKind.Service, service.Metadata.Namespace, service.Metadata.Name, change.InternalError!);
        }

        txn.OnRollback(() => change.Rollback(_nodePorts));
        txn.OnCommit(() => change.Commit(_nodePorts));
        return service with { Spec = service.Spec with { Ports = change.Ports, HealthCheckNodePort = change.HealthCheckNodePort } };
    }

    private static System.Net.IPAddress? HeldAddress(Service service) =>
        service.Spec.Type != ServiceTypes.ExternalName && IPRules.TryParse(service.Spec.ClusterIP, out var address) ? address : null;
}
