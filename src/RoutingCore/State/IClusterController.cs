namespace RoutingCore.State;

/// <summary>
/// A controller: derives state from state (M-2). The store hands it every change since its last call, in commit order;
/// the controller reacts by reading the store and writing derived objects back, which in turn become changes for every
/// controller. <see cref="ClusterState.Sync"/> repeats this until no controller has changes left.
/// </summary>
/// <remarks>
/// A controller must be deterministic and must not write when nothing needs to change, or the store never settles.
/// When added to a store, a controller first receives an <see cref="WatchEventType.Added"/> event for every stored object.
/// Calls are serialised: a controller is never called on two threads at once.
/// </remarks>
public interface IClusterController
{
    /// <summary>Reacts to <paramref name="changes"/>, reading and writing <paramref name="state"/>.</summary>
    void Reconcile(ClusterState state, IReadOnlyList<WatchEvent> changes);
}
