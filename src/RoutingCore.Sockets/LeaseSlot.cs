using RoutingCore.Balancing;

namespace RoutingCore.Sockets;

/// <summary>
/// Holds an <see cref="EndpointLease"/> across awaits: the lease is a mutable struct that must be completed exactly
/// once from the variable that received it, which an async method's locals cannot guarantee after copies.
/// </summary>
internal sealed class LeaseSlot
{
    /// <summary>The lease (a field, so <c>out</c> and <c>Complete</c> act on this one instance).</summary>
    public EndpointLease Lease;
}
