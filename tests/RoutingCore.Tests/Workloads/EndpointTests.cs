using RoutingCore.Model;
using RoutingCore.Workloads;
using static RoutingCore.Tests.State.Fixtures;
using static RoutingCore.Tests.Workloads.WorkloadFixtures;

namespace RoutingCore.Tests.Workloads;

/// <summary>The Deployment's pods reach Services through the store's EndpointSlice controller.</summary>
public sealed class EndpointTests
{
    [Fact]
    public void EndpointSlicesFollowTheDeploymentsPodsThroughARollout()
    {
        var state = NewState();
        var runtime = new TestPodRuntime { AutoReadyImages = { "echo:1" } };
        WorkloadsController.AddTo(state, runtime);
        state.Create(Service("web") with { Spec = Service("web").Spec with { Ports = [new ServicePort { Port = 80, TargetPort = "http" }] } });
        state.Create(Deployment(replicas: 3));
        state.Sync();
        Assert.Equal(Expected(state, _ => "r=True s=True t=False"), state.EndpointSummary("web"));

        // Mid-rollout: the new pods are endpoints, not ready; the old ones still serve.
        state.Edit("web", d => d.WithReplicas(3).WithImage("echo:2"));
        state.Sync();
        Assert.Equal(4, state.EndpointSummary("web").Count); // 25% of 3: one surge pod, none unavailable
        Assert.Equal(Expected(state, p => p.IsReady ? "r=True s=True t=False" : "r=False s=False t=False"), state.EndpointSummary("web"));

        foreach (var handle in runtime.Startable(n => state.Get<Pod>("default", n)))
        {
            runtime.MakeReady(handle);
        }

        state.Sync();
        while (runtime.Startable(n => state.Get<Pod>("default", n)) is { Count: > 0 } more)
        {
            more.ForEach(h => runtime.MakeReady(h));
            state.Sync();
        }

        var hash = TemplateHash(state.Get<Deployment>("default", "web")!);
        Assert.All(state.PodsOf(), p => Assert.Equal(hash, p.HashOf()));
        Assert.Equal(Expected(state, _ => "r=True s=True t=False"), state.EndpointSummary("web"));
        Assert.Equal(3, state.EndpointSummary("web").Count);
    }

    [Fact]
    public void AStoppingPodIsAServingTerminatingEndpointUntilItStops()
    {
        var state = NewState();
        var runtime = new TestPodRuntime { AutoReadyImages = { "echo:1" }, TerminationGracePeriodSeconds = 30, StopsAtOnce = false };
        WorkloadsController.AddTo(state, runtime);
        state.Create(Service("web") with { Spec = Service("web").Spec with { Ports = [new ServicePort { Port = 80, TargetPort = "http" }] } });
        state.Create(Deployment(replicas: 2));
        state.Sync();

        state.Edit("web", d => d.WithReplicas(1));
        state.Sync();
        Assert.Equal(Expected(state, p => p.IsTerminating ? "r=False s=True t=True" : "r=True s=True t=False"), state.EndpointSummary("web"));

        runtime.FinishStopping();
        state.Sync();
        Assert.Equal(Expected(state, _ => "r=True s=True t=False"), state.EndpointSummary("web"));
        Assert.Single(state.EndpointSummary("web"));
    }

    private static List<string> Expected(RoutingCore.State.ClusterState state, Func<Pod, string> conditions) =>
        [.. state.PodsOf().Select(p => $"{p.Status.PodIP} {conditions(p)} /TCP/8080").Order(StringComparer.Ordinal)];
}
