using RoutingCore.Model;
using RoutingCore.State;
using static RoutingCore.Tests.State.Fixtures;

namespace RoutingCore.Tests.State;

/// <summary>M-1 for <see cref="ClusterState.ApplyBatch(IEnumerable{KubeObject}, IEnumerable{ObjectKey})"/>: apply plus deletes in one atomic write (manifest prune).</summary>
public sealed class BatchApplyDeleteTests
{
    [Fact]
    public void M_1_AppliesAndDeletesInOneVersionStep()
    {
        var state = NewState();
        state.ApplyBatch([Service("old"), Service("web")]);
        using var watch = state.Watch();

        state.ApplyBatch([Service("web", port: 8080)], [new ObjectKey(ObjectKind.Service, "default", "old")]);

        Assert.Null(state.Get<Service>("default", "old"));
        Assert.Equal(8080, state.Get<Service>("default", "web")!.Spec.Ports[0].Port);
        var events = new List<WatchEvent>();
        while (watch.Events.TryRead(out var e))
        {
            events.Add(e);
        }

        Assert.Equal([WatchEventType.Modified, WatchEventType.Deleted], events.Select(e => e.Type));
    }

    [Fact]
    public void M_1_ARefusedObjectKeepsTheDeletesUndone()
    {
        var state = NewState();
        state.ApplyBatch([Service("old")]);
        var before = state.ResourceVersion;

        var error = Assert.Throws<BatchApplyException>(() =>
            state.ApplyBatch([Service("web") with { Spec = Service("web").Spec with { Ports = [new ServicePort { Port = 0 }] } }], [new ObjectKey(ObjectKind.Service, "", "old")]));

        Assert.Equal([0], error.Failures.Select(f => f.Index));
        Assert.Equal(before, state.ResourceVersion);
        Assert.NotNull(state.Get<Service>("default", "old"));
    }

    [Fact]
    public void M_1_DeletesOfMissingObjectsAreSkippedAndRefusedDeletesAreIndexedAfterTheObjects()
    {
        var state = NewState();
        state.ApplyBatch([new Namespace { Metadata = new ObjectMeta { Name = "shop" } }, Service("web", ns: "shop")]);

        // The namespace delete removes its Service first; the later delete of that Service is then a no-op.
        state.ApplyBatch([], [new ObjectKey(ObjectKind.Namespace, "", "shop"), new ObjectKey(ObjectKind.Service, "shop", "web"), new ObjectKey(ObjectKind.Pod, "", "ghost")]);
        Assert.Null(state.Get<Namespace>("", "shop"));

        var error = Assert.Throws<BatchApplyException>(() => state.ApplyBatch([Service("a")], [new ObjectKey(ObjectKind.Namespace, "", "default")]));
        Assert.Equal(1, error.Failures.Single().Index);
        Assert.Equal(ApiErrorReason.Forbidden, error.Failures[0].Error.Reason);
        Assert.Null(state.Get<Service>("default", "a"));
    }
}
