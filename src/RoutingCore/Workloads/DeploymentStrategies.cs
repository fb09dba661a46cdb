using RoutingCore.Model;

namespace RoutingCore.Workloads;

/// <summary>The Deployment strategy types; an empty type means RollingUpdate (upstream's default).</summary>
internal static class DeploymentStrategies
{
    /// <summary>Replace pods a few at a time within maxSurge and maxUnavailable.</summary>
    public const string RollingUpdate = "RollingUpdate";

    /// <summary>Delete every old pod before creating new ones.</summary>
    public const string Recreate = "Recreate";

    /// <summary>True for the Recreate strategy.</summary>
    public static bool IsRecreate(DeploymentStrategy strategy) => strategy.Type == Recreate;
}
