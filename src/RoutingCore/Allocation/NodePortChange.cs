using System.Collections.Immutable;
using System.Globalization;
using RoutingCore.Model;
using RoutingCore.Validation;

namespace RoutingCore.Allocation;

/// <summary>
/// The outcome of <see cref="NodePortPlan.Apply"/>: on success, the Service's new ports and healthCheckNodePort and
/// the allocations made, which the store must later either <see cref="Commit"/> or <see cref="Rollback"/>; on failure,
/// the API error, with the allocator already back as it was.
/// </summary>
/// <remarks>
/// Releases are deferred to <see cref="Commit"/> so a failed request never frees a port its Service still holds
/// (IPA-7, M-1). Allocation order: explicit requests (in port order), then automatic ones, then the
/// healthCheckNodePort; putting requests first means an automatic pick can never take a number the same Service asks
/// for further down.
/// </remarks>
public sealed class NodePortChange
{
    private NodePortChange(ImmutableArray<ServicePort> ports, int healthCheckNodePort, ImmutableArray<int> allocated, ImmutableArray<int> release, FieldError? invalid, string? internalError)
    {
        Ports = ports;
        HealthCheckNodePort = healthCheckNodePort;
        Allocated = allocated;
        ToRelease = release;
        Invalid = invalid;
        InternalError = internalError;
    }

    /// <summary>True when every allocation succeeded.</summary>
    public bool Succeeded => Invalid is null && InternalError is null;

    /// <summary>The new ports with their node ports filled in (or cleared); empty on failure.</summary>
    public ImmutableArray<ServicePort> Ports { get; }

    /// <summary>The new healthCheckNodePort, 0 when none is needed.</summary>
    public int HealthCheckNodePort { get; }

    /// <summary>The node ports newly allocated; <see cref="Rollback"/> releases them. Empty on failure.</summary>
    public ImmutableArray<int> Allocated { get; }

    /// <summary>The node ports the old Service held and the new one does not; <see cref="Commit"/> releases them.</summary>
    public ImmutableArray<int> ToRelease { get; }

    /// <summary>
    /// A 422 error for a requested node port (NPA-3), such as
    /// <c>spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated</c>; null otherwise.
    /// </summary>
    public FieldError? Invalid { get; }

    /// <summary>
    /// A 500 error's text, to follow <c>Internal error occurred: </c>: <c>failed to allocate a nodePort: range is full</c>
    /// (NPA-5), or upstream's healthCheckNodePort texts <c>failed to allocate requested HealthCheck NodePort &lt;n&gt;: &lt;reason&gt;</c>
    /// and <c>failed to allocate a HealthCheck NodePort 0: range is full</c>; null otherwise.
    /// </summary>
    public string? InternalError { get; }

    /// <summary>Releases <see cref="ToRelease"/>: call once the Service is stored.</summary>
    public void Commit(NodePortAllocator allocator)
    {
        ArgumentNullException.ThrowIfNull(allocator);
        foreach (var port in ToRelease)
        {
            allocator.Release(port);
        }
    }

    /// <summary>Releases <see cref="Allocated"/>: call when a later step of the request fails.</summary>
    public void Rollback(NodePortAllocator allocator)
    {
        ArgumentNullException.ThrowIfNull(allocator);
        foreach (var port in Allocated)
        {
            allocator.Release(port);
        }
    }

    internal static NodePortChange Apply(NodePortPlan plan, NodePortAllocator allocator)
    {
        ArgumentNullException.ThrowIfNull(allocator);
        var assignments = plan.Ports;
        var values = new int[assignments.Length];
        var allocated = ImmutableArray.CreateBuilder<int>();

        for (var i = 0; i < assignments.Length; i++)
        {
            var a = assignments[i];
            if (a.Action == NodePortAction.Keep || (a.Action == NodePortAction.Request && a.Owner != i))
            {
                values[i] = a.NodePort;
            }
            else if (a.Action == NodePortAction.Request)
            {
                var result = allocator.Allocate(a.NodePort);
                if (!result.IsSuccess)
                {
                    var path = FieldPath.Root("spec").Child("ports").Index(i).Child("nodePort");
                    return Failed(allocator, allocated, FieldError.Invalid(path, a.NodePort, result.Message), null);
                }

                allocated.Add(a.NodePort);
                values[i] = a.NodePort;
            }
        }

        for (var i = 0; i < assignments.Length; i++)
        {
            var a = assignments[i];
            if (a.Action != NodePortAction.Allocate)
            {
                continue;
            }

            if (a.Owner != i)
            {
                values[i] = values[a.Owner];
                continue;
            }

            var result = allocator.Allocate();
            if (!result.IsSuccess)
            {
                return Failed(allocator, allocated, null, "failed to allocate a nodePort: " + result.Message);
            }

            allocated.Add(result.Value);
            values[i] = result.Value;
        }

        var healthCheck = plan.HealthCheck;
        var healthCheckPort = healthCheck.NodePort;
        if (healthCheck.Action is NodePortAction.Request or NodePortAction.Allocate)
        {
            var result = healthCheck.Action == NodePortAction.Request ? allocator.Allocate(healthCheck.NodePort) : allocator.Allocate();
            if (!result.IsSuccess)
            {
                var text = healthCheck.Action == NodePortAction.Request
                    ? string.Create(CultureInfo.InvariantCulture, $"failed to allocate requested HealthCheck NodePort {healthCheck.NodePort}: {result.Message}")
                    : "failed to allocate a HealthCheck NodePort 0: " + result.Message;
                return Failed(allocator, allocated, null, text);
            }

            allocated.Add(result.Value);
            healthCheckPort = result.Value;
        }

        var ports = ImmutableArray.CreateBuilder<ServicePort>(values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            var port = plan.NewPorts[i];
            ports.Add(port.NodePort == values[i] ? port : port with { NodePort = values[i] });
        }

        return new NodePortChange(ports.MoveToImmutable(), healthCheckPort, allocated.ToImmutable(), plan.ToRelease, null, null);
    }

    private static NodePortChange Failed(NodePortAllocator allocator, ImmutableArray<int>.Builder allocated, FieldError? invalid, string? internalError)
    {
        foreach (var port in allocated)
        {
            allocator.Release(port);
        }

        return new NodePortChange([], 0, [], [], invalid, internalError);
    }
}
