using Microsoft.Extensions.Time.Testing;
using RoutingCore.Kubernetes.Manifests;
using RoutingCore.Model;
using RoutingCore.Routing;
using RoutingCore.State;

namespace RoutingCore.Kubernetes.Tests.Output;

/// <summary>
/// The cluster the kubectl fixtures show: <c>Fixtures/cluster/1-base</c> applied at 2026-01-01T00:00:00Z,
/// <c>2-routes</c> 2d3h later, <c>3-pods</c> and then <c>4-config</c> 3m20s after that, then pod <c>web-3</c> deleted
/// with a grace period; the tables are printed 5s later. Ages therefore read <c>2d3h</c>, <c>3m25s</c> and <c>5s</c>.
/// (Each stage is a separate set so that adding objects to a late stage leaves the seeded names and addresses of the
/// earlier ones unchanged.)
/// </summary>
internal static class FixtureCluster
{
    public static (ClusterState State, FakeTimeProvider Time) Build()
    {
        var time = new FakeTimeProvider(TestFiles.Epoch);
        var state = new ClusterState(new ClusterStateOptions
        {
            TimeProvider = time,
            RandomSeed = 7,
            LoadBalancerPools = ["192.0.2.240/29"],
        });
        IngressController.AddTo(state, new IngressControllerOptions { PublishedAddresses = [new LoadBalancerIngress { Ip = "198.51.100.10" }] });

        Apply(state, "1-base");
        time.Advance(TimeSpan.FromHours(51));
        Apply(state, "2-routes");
        time.Advance(TimeSpan.FromSeconds(200));
        Apply(state, "3-pods");
        Apply(state, "4-config");
        state.Delete<Pod>("default", "web-3", new DeleteOptions { GracePeriodSeconds = 30 });
        state.Sync();
        time.Advance(TimeSpan.FromSeconds(5));
        return (state, time);
    }

    private static void Apply(ClusterState state, string stage)
    {
        var result = new ManifestSet(state, [Path.Join("Fixtures", "cluster", stage)]).Apply();
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        state.Sync();
    }
}
