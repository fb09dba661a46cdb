namespace RoutingCore.State;

/// <summary>Options of a delete.</summary>
public sealed record DeleteOptions
{
    /// <summary>Delete at once (the default).</summary>
    public static DeleteOptions Immediate { get; } = new();

    /// <summary>
    /// For Pods: when greater than zero, the Pod is marked terminating (its deletionTimestamp set, POD-3) and stays
    /// stored until deleted again with no grace period — the pod runtime's signal that it has stopped.
    /// </summary>
    public int GracePeriodSeconds { get; init; }
}
