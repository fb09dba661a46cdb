namespace RoutingCore.Allocation;

/// <summary>What a <see cref="NodePortPlan"/> does for one ServicePort or for the healthCheckNodePort.</summary>
public enum NodePortAction
{
    /// <summary>No node port: the field ends up 0 (ClusterIP, ExternalName, LoadBalancer without node ports, or no health check needed).</summary>
    None,

    /// <summary>The Service holds this node port already (SVC-V20, NPA-7): nothing to allocate, nothing to release.</summary>
    Keep,

    /// <summary>Allocate this explicit node port (NPA-3); its owner port performs the allocation for every port sharing it.</summary>
    Request,

    /// <summary>Allocate any free node port (NPA-5); ports sharing an owner (same port number, NPA-4) get the same one.</summary>
    Allocate,
}
