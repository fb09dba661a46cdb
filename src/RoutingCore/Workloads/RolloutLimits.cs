using RoutingCore.Model;
using RoutingCore.Validation;

namespace RoutingCore.Workloads;

/// <summary>
/// A Deployment's resolved rollout bounds: how many pods may exist above the desired count (surge) and how many of
/// the desired pods may be unavailable, as upstream's <c>ResolveFenceposts</c>, <c>MaxSurge</c> and <c>MaxUnavailable</c>.
/// </summary>
/// <remarks>
/// Percentages scale with the desired replicas: surge rounds up, unavailability rounds down, so that 25% of 1 replica
/// allows one extra pod and no missing one. The subtle point: validation refuses 0/0, but rounding can still produce
/// it (maxSurge 0 with maxUnavailable 10% of 3 replicas rounds down to 0); upstream then allows one unavailable pod,
/// because a rollout that may neither add nor remove a pod could never progress.
/// </remarks>
/// <param name="Replicas">The desired pod count.</param>
/// <param name="MaxSurge">Pods allowed above <paramref name="Replicas"/> (RollingUpdate only).</param>
/// <param name="MaxUnavailable">Desired pods allowed to be unavailable (RollingUpdate only; at most <paramref name="Replicas"/>).</param>
internal readonly record struct RolloutLimits(int Replicas, int MaxSurge, int MaxUnavailable)
{
    /// <summary>Resolves the bounds of <paramref name="spec"/>; Recreate has none (0, 0).</summary>
    public static RolloutLimits For(DeploymentSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var replicas = Math.Max(0, spec.Replicas ?? 1);
        if (DeploymentStrategies.IsRecreate(spec.Strategy))
        {
            return new RolloutLimits(replicas, 0, 0);
        }

        var rolling = spec.Strategy.RollingUpdate;
        var surge = Scale(rolling?.MaxSurge ?? DeploymentValidation.DefaultBound, replicas, roundUp: true);
        var unavailable = Scale(rolling?.MaxUnavailable ?? DeploymentValidation.DefaultBound, replicas, roundUp: false);
        if (surge == 0 && unavailable == 0)
        {
            unavailable = 1;
        }

        return new RolloutLimits(replicas, surge, Math.Min(unavailable, replicas));
    }

    /// <summary>The fewest available pods a rolling update keeps: replicas minus max unavailable.</summary>
    public int MinAvailable => Replicas - MaxUnavailable;

    /// <summary>The most pods a rolling update runs at once: replicas plus max surge.</summary>
    public int MaxTotal => Replicas + MaxSurge;

    /// <summary>
    /// Upstream's <c>GetScaledValueFromIntOrPercent</c>: a number as is (negative as 0), <c>N%</c> of
    /// <paramref name="total"/> rounded as asked; a malformed percentage (refused by validation) counts as 0.
    /// </summary>
    internal static int Scale(IntOrString value, int total, bool roundUp)
    {
        if (!value.IsName)
        {
            return Math.Max(0, value.Number);
        }

        if (DeploymentValidation.Percent(value) is not { } percent)
        {
            return 0;
        }

        var scaled = (long)percent * total;
        return (int)Math.Min(int.MaxValue, roundUp ? (scaled + 99) / 100 : scaled / 100);
    }
}
