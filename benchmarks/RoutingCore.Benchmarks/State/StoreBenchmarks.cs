using BenchmarkDotNet.Attributes;
using RoutingCore.Model;
using RoutingCore.State;

namespace RoutingCore.Benchmarks.State;

/// <summary>
/// Issue "Foundation": applying a whole cluster (1,000 Services selecting 20,000 Pods) as one batch, then settling the
/// controllers (EndpointSlices for every Service).
/// </summary>
[MemoryDiagnoser]
public class StoreApplyBenchmarks
{
    private List<KubeObject> _objects = [];

    /// <summary>Builds the objects once.</summary>
    [GlobalSetup]
    public void Setup() => _objects = ClusterFixture.Objects(services: 1000, podsPerService: 20);

    /// <summary>A fresh store, the batch, then <see cref="ClusterState.Sync"/>.</summary>
    [Benchmark]
    public int ApplyThenSync()
    {
        var state = ClusterFixture.NewState();
        state.ApplyBatch(_objects);
        state.Sync();
        return state.Current.Count(ObjectKind.EndpointSlice);
    }
}

/// <summary>
/// Issue "Foundation": the cost of one pod readiness flip plus <see cref="ClusterState.Sync"/> must not grow with the
/// number of Services (each Service selects 20 pods): the EndpointSlice controller is incremental.
/// </summary>
[MemoryDiagnoser]
public class StoreSingleChangeBenchmarks
{
    private ClusterState _state = null!;
    private bool _ready = true;

    /// <summary>Services in the cluster.</summary>
    [Params(100, 1000, 10000)]
    public int Services { get; set; }

    /// <summary>Whether the legacy Endpoints controller (EP-2) runs too; false is the EndpointSlice-only baseline.</summary>
    [Params(false, true)]
    public bool LegacyEndpoints { get; set; }

    /// <summary>Builds and settles the cluster once per size.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _state = ClusterFixture.NewState(LegacyEndpoints);
        _state.ApplyBatch(ClusterFixture.Objects(Services, podsPerService: 20));
        _state.Sync();
    }

    /// <summary>Flips one pod's readiness and settles.</summary>
    [Benchmark]
    public void FlipOnePodAndSync()
    {
        _ready = !_ready;
        var pod = _state.Get<Pod>("default", "pod-7-3")!;
        _state.UpdateStatus(pod with
        {
            Status = pod.Status with { Conditions = [new PodCondition(PodConditionTypes.Ready, _ready ? ConditionStatus.True : ConditionStatus.False)] },
        });
        _state.Sync();
    }
}
