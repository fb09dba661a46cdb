namespace RoutingCore.State;

/// <summary>
/// A warning raised by the store or a controller, as a Kubernetes Warning event: something was accepted but does not
/// work as the user may expect (a LoadBalancer left pending, a conflicting Ingress path).
/// </summary>
/// <param name="Object">The object concerned.</param>
/// <param name="Reason">A short machine-readable reason, such as <c>AllocationFailed</c>.</param>
/// <param name="Message">A human-readable message.</param>
public sealed record ClusterWarning(ObjectKey Object, string Reason, string Message);
