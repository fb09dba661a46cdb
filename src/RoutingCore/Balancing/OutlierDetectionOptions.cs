namespace RoutingCore.Balancing;

/// <summary>
/// Passive health: when to eject an endpoint that keeps failing, for how long, and when to ignore ejections.
/// The defaults are Envoy's outlier-detection defaults (5 consecutive failures, 30 s growing with repeats up to 300 s,
/// at most 10 % of the endpoints ejected but always at least one) and its 50 % panic threshold.
/// </summary>
public sealed record OutlierDetectionOptions
{
    /// <summary>The defaults.</summary>
    public static OutlierDetectionOptions Default { get; } = new();

    /// <summary>Never eject; endpoints are chosen on their conditions alone.</summary>
    public static OutlierDetectionOptions Disabled { get; } = new() { ConsecutiveFailures = 0 };

    /// <summary>Failures in a row that eject an endpoint (default 5); 0 disables ejection.</summary>
    public int ConsecutiveFailures { get; init; } = 5;

    /// <summary>The first ejection's length; the n-th ejection in a row lasts n times as long (default 30 s).</summary>
    public TimeSpan BaseEjectionTime { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The cap on an ejection's length (default 300 s; never below <see cref="BaseEjectionTime"/>).</summary>
    public TimeSpan MaxEjectionTime { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>
    /// How long an endpoint must stay un-ejected for its ejection multiplier to drop by one (default 10 s, Envoy's
    /// detection interval), so that a recovered endpoint is eventually forgiven.
    /// </summary>
    public TimeSpan MultiplierDecayInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The most endpoints that may be ejected at once, in percent of the set (default 10); one is always allowed.</summary>
    public int MaxEjectionPercent { get; init; } = 10;

    /// <summary>
    /// When fewer than this percentage of the candidates are un-ejected, ejections are ignored and every candidate is
    /// used (default 50), so passive health can never take a whole service down.
    /// </summary>
    public int PanicThresholdPercent { get; init; } = 50;

    /// <summary>Throws when a value is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ConsecutiveFailures);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(BaseEjectionTime, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MaxEjectionTime, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MultiplierDecayInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(MaxEjectionPercent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxEjectionPercent, 100);
        ArgumentOutOfRangeException.ThrowIfNegative(PanicThresholdPercent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(PanicThresholdPercent, 100);
    }
}
