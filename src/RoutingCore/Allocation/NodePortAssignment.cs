namespace RoutingCore.Allocation;

/// <summary>One ServicePort's (or the healthCheckNodePort's) part in a <see cref="NodePortPlan"/>.</summary>
/// <param name="Action">What to do.</param>
/// <param name="NodePort">The node port for <see cref="NodePortAction.Keep"/> and <see cref="NodePortAction.Request"/>;
/// 0 for <see cref="NodePortAction.Allocate"/> (not known until allocated) and <see cref="NodePortAction.None"/>.</param>
/// <param name="Owner">For <see cref="NodePortAction.Request"/> and <see cref="NodePortAction.Allocate"/>: the index of
/// the ServicePort that performs the one allocation this port shares (its own index when it is that port); an error is
/// reported at <c>spec.ports[Owner].nodePort</c>. -1 otherwise and for the healthCheckNodePort.</param>
public readonly record struct NodePortAssignment(NodePortAction Action, int NodePort, int Owner);
