namespace RoutingCore.Balancing;

/// <summary>
/// A strategy compiled for one endpoint set: it holds whatever the strategy precomputes (a counter, a schedule, a hash
/// table) over the set's candidates, which never change, and picks among the ones the health view allows.
/// </summary>
internal abstract class EndpointPicker
{
    /// <summary>
    /// Returns the candidate position to use. Called only when <paramref name="view"/> has at least one choosable
    /// candidate; must not allocate, block or take a lock.
    /// </summary>
    public abstract int Pick(in SelectionContext context, HealthView view);
}
