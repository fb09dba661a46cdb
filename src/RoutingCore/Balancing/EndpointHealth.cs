namespace RoutingCore.Balancing;

/// <summary>A point-in-time reading of one endpoint's live state, for diagnostics, metrics and tests.</summary>
/// <param name="InFlight">Selections not yet completed.</param>
/// <param name="ConsecutiveFailures">Failures since the last success or ejection.</param>
/// <param name="EjectionRemaining">How long the current ejection still lasts; null when the endpoint is not ejected.</param>
/// <param name="Ejections">How many times the endpoint has been ejected.</param>
/// <param name="EjectionMultiplier">How many base ejection times the latest ejection lasted, after decay.</param>
public readonly record struct EndpointHealth(
    int InFlight,
    int ConsecutiveFailures,
    TimeSpan? EjectionRemaining,
    int Ejections,
    int EjectionMultiplier)
{
    /// <summary>Whether the endpoint is ejected now.</summary>
    public bool IsEjected => EjectionRemaining is not null;
}
