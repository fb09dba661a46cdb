using RoutingCore.Model;

namespace RoutingCore.Validation;

/// <summary>
/// Which allocated or type-dependent fields a Service's type uses, as upstream's <c>needsClusterIP</c>,
/// <c>needsNodePort</c>, <c>NeedsHealthCheck</c> and <c>ExternallyAccessible</c>. Defaulting, carry-over and
/// validation all ask these questions, so they are answered in one place.
/// </summary>
internal static class ServiceTypeRules
{
    /// <summary>Every type but ExternalName has a cluster IP (even <c>None</c> counts as one).</summary>
    public static bool NeedsClusterIP(ServiceSpec spec) => spec.Type != ServiceTypes.ExternalName;

    /// <summary>NodePort and LoadBalancer Services own node ports.</summary>
    public static bool NeedsNodePort(ServiceSpec spec) => spec.Type is ServiceTypes.NodePort or ServiceTypes.LoadBalancer;

    /// <summary>A LoadBalancer with external traffic policy Local needs a health-check node port (SVC-V17).</summary>
    public static bool NeedsHealthCheck(ServiceSpec spec) =>
        spec.Type == ServiceTypes.LoadBalancer && spec.ExternalTrafficPolicy == ServicePolicies.Local;

    /// <summary>NodePort, LoadBalancer, or ClusterIP with externalIPs: reachable from outside the cluster (SVC-D4).</summary>
    public static bool ExternallyAccessible(ServiceSpec spec) =>
        spec.Type is ServiceTypes.NodePort or ServiceTypes.LoadBalancer
        || (spec.Type == ServiceTypes.ClusterIP && !spec.ExternalIPs.IsDefaultOrEmpty);

    /// <summary>Headless: exactly one cluster IP and it is <c>None</c> (upstream looks at <c>clusterIPs</c>, not <c>clusterIP</c>).</summary>
    public static bool IsHeadless(ServiceSpec spec) =>
        !spec.ClusterIPs.IsDefault && spec.ClusterIPs is [ServicePolicies.None];
}
