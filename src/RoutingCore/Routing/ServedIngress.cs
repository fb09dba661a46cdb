using RoutingCore.State;

namespace RoutingCore.Routing;

/// <summary>An Ingress as the controller classified it (CLS-2): served or ignored, and why.</summary>
/// <param name="Ingress">The Ingress.</param>
/// <param name="IsServed">True when this controller serves it.</param>
/// <param name="Reason">The classification in words.</param>
public sealed record ServedIngress(ObjectKey Ingress, bool IsServed, string Reason);
