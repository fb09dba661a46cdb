namespace RoutingCore.Balancing;

/// <summary>How a request or connection sent to a selected endpoint ended; feeds passive health (outlier ejection).</summary>
public enum EndpointOutcome
{
    /// <summary>Not attributable to the endpoint (client abort, cancellation): only the in-flight count changes.</summary>
    Neutral = 0,

    /// <summary>The endpoint answered: its consecutive-failure count restarts at zero.</summary>
    Success = 1,

    /// <summary>The endpoint failed (connect refused, reset, timeout, a 5xx when the caller counts those).</summary>
    Failure = 2,
}
