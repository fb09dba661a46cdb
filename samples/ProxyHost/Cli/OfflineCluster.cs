using RoutingCore.Kubernetes.Manifests;
using RoutingCore.Routing;
using RoutingCore.State;
using RoutingCore.Workloads;

namespace RoutingCore.ProxyHost.Cli;

/// <summary>
/// The cluster the manifests describe, computed without serving anything: the store with the sample host's address
/// plan, the manifests applied, and every controller settled (allocations, Deployments' pods, EndpointSlices, the
/// Ingress routing table). Used by <c>get</c>, <c>explain</c> and <c>lint</c> when no server is named.
/// </summary>
internal sealed class OfflineCluster
{
    private OfflineCluster(ClusterState state, IngressController ingress, ManifestApplyResult result)
    {
        State = state;
        Ingress = ingress;
        Result = result;
    }

    public ClusterState State { get; }

    public IngressController Ingress { get; }

    public ManifestApplyResult Result { get; }

    public static OfflineCluster Load(IReadOnlyList<string> manifests, AddressPlan plan, TimeProvider time)
    {
        var state = new ClusterState(plan.StoreOptions(time));
        state.Create(plan.Node());
        WorkloadsController.AddTo(state);
        var ingress = IngressController.AddTo(state, plan.IngressOptions(httpPort: 80, httpsPort: 443));
        var result = new ManifestSet(state, manifests).Apply();
        state.Sync();
        return new OfflineCluster(state, ingress, result);
    }

    /// <summary>Writes the manifest warnings and errors (file:line: ...) to <paramref name="error"/>; true when there were errors.</summary>
    public bool ReportProblems(TextWriter error)
    {
        foreach (var warning in Result.Warnings)
        {
            error.WriteLine(warning);
        }

        foreach (var problem in Result.Errors)
        {
            error.WriteLine(problem);
        }

        return !Result.Succeeded;
    }
}
