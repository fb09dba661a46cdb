using RoutingCore.Model;
using RoutingCore.Selectors;
using RoutingCore.State;
using RoutingCore.Workloads;

namespace RoutingCore.Tests.Workloads;

/// <summary>Builders and queries for the Workloads tests.</summary>
internal static class WorkloadFixtures
{
    public const string SafeAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    public static Deployment Deployment(string name = "web", int? replicas = 3, string image = "echo:1", DeploymentStrategy? strategy = null, string ns = "default") => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = ns },
        Spec = new DeploymentSpec
        {
            Replicas = replicas,
            Selector = new LabelSelector { MatchLabels = Labels.Of(("app", name)) },
            Template = new PodTemplateSpec
            {
                Metadata = new ObjectMeta { Labels = Labels.Of(("app", name)) },
                Spec = new PodSpec
                {
                    NodeName = "node-1",
                    Containers = [new Container { Name = "main", Image = image, Ports = [new ContainerPort { Name = "http", ContainerPortNumber = 8080 }] }],
                },
            },
            Strategy = strategy ?? new DeploymentStrategy(),
        },
    };

    public static DeploymentStrategy Rolling(IntOrString? maxSurge, IntOrString? maxUnavailable) =>
        new() { Type = "RollingUpdate", RollingUpdate = new RollingUpdateDeployment(maxUnavailable, maxSurge) };

    public static Deployment WithImage(this Deployment deployment, string image) => deployment with
    {
        Spec = deployment.Spec with
        {
            Template = deployment.Spec.Template with
            {
                Spec = deployment.Spec.Template.Spec with { Containers = [deployment.Spec.Template.Spec.Containers[0] with { Image = image }] },
            },
        },
    };

    public static Deployment WithReplicas(this Deployment deployment, int replicas) =>
        deployment with { Spec = deployment.Spec with { Replicas = replicas } };

    /// <summary>The stored Deployment with a changed spec (metadata kept, so the write is an update).</summary>
    public static Deployment Edit(this ClusterState state, string name, Func<Deployment, Deployment> change) =>
        state.Update(change(state.Get<Deployment>("default", name)!));

    /// <summary>The pods a Deployment owns, by name.</summary>
    public static List<Pod> PodsOf(this ClusterState state, string deployment = "web", string ns = "default") =>
        [.. state.List<Pod>(ns).Where(p => p.Metadata.OwnerReferences.Any(o => o.Kind == "Deployment" && o.Name == deployment))
            .OrderBy(p => p.Metadata.Name, StringComparer.Ordinal)];

    public static string HashOf(this Pod pod) => pod.Metadata.Labels[PodTemplateHash.Label];

    public static string TemplateHash(Deployment deployment) => PodTemplateHash.Compute(deployment.Spec.Template);

    /// <summary>A compact picture of a Deployment's pods: per revision (in <paramref name="hashes"/> order), pods and ready pods.</summary>
    public static string Census(this ClusterState state, params string[] hashes)
    {
        var pods = state.PodsOf().Where(p => !p.IsTerminating).ToList();
        return string.Join(" ", hashes.Select((h, i) =>
        {
            var revision = pods.Where(p => p.HashOf() == h).ToList();
            return $"r{i}={revision.Count}/{revision.Count(p => p.IsReady)}";
        }));
    }
}

/// <summary>Drives rollouts: makes started pods ready on demand, one at a time, and checks the bounds after every commit.</summary>
internal static class RolloutDriver
{
    /// <summary>
    /// Makes the first (by name) started, not-ready, not-broken pod ready, syncs and checks the bounds, until no such pod
    /// is left; returns the census before the first step and after each.
    /// </summary>
    public static List<string> ReadyOneByOne(ClusterState state, TestPodRuntime runtime, RolloutInvariants invariants, RolloutLimits limits, params string[] hashes)
    {
        var census = new List<string> { state.Census(hashes) };
        for (var step = 0; step < 200; step++)
        {
            var next = runtime.Startable(name => state.Get<Pod>("default", name)).FirstOrDefault();
            if (next is null)
            {
                return census;
            }

            Assert.True(runtime.MakeReady(next));
            state.Sync();
            invariants.Check(limits.MinAvailable, limits.MaxTotal);
            census.Add(state.Census(hashes));
        }

        throw new InvalidOperationException("the rollout did not finish in 200 steps");
    }
}
