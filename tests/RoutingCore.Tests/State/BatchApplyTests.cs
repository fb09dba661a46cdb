using RoutingCore.Model;
using RoutingCore.State;
using static RoutingCore.Tests.State.Fixtures;

namespace RoutingCore.Tests.State;

public sealed class BatchApplyTests
{
    [Fact]
    public void M_1_ABatchWithInvalidObjectsStoresNothingAndReportsEveryOne()
    {
        var state = NewState();
        var before = state.ResourceVersion;
        var batch = new KubeObject[]
        {
            new Namespace { Metadata = new ObjectMeta { Name = "shop" } },
            Service("web", ns: "shop") with { Spec = Service("web").Spec with { ClusterIP = "127.2.0.50", Type = ServiceTypes.NodePort, Ports = [new ServicePort { Port = 80, NodePort = 30080 }] } },
            Service("Bad_Name", ns: "shop"),
            Service("api", ns: "shop") with { Spec = Service("api").Spec with { Ports = [new ServicePort { Port = 0 }] } },
        };

        var error = Assert.Throws<BatchApplyException>(() => state.ApplyBatch(batch));

        Assert.Equal(before, state.ResourceVersion);
        Assert.Null(state.Get<Namespace>("", "shop"));
        Assert.Equal([2, 3], error.Failures.Select(f => f.Index));
        Assert.Equal(["Service shop/Bad_Name", "Service shop/api"], error.Failures.Select(f => f.Error.ObjectDisplayName));
        Assert.StartsWith("metadata.name: Invalid value: \"Bad_Name\": a DNS-1035 label must consist of", error.Failures[0].Error.Causes[0].ToString(), StringComparison.Ordinal);
        Assert.Contains(error.Failures[1].Error.Causes, c => c.ToString() == "spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive");
        Assert.Contains("Service shop/Bad_Name (item 2): Service \"Bad_Name\" is invalid:", error.Message, StringComparison.Ordinal);

        // M-1: the allocations the valid objects made were rolled back.
        state.Create(Service("probe") with { Spec = Service("probe").Spec with { ClusterIP = "127.2.0.50", Type = ServiceTypes.NodePort, Ports = [new ServicePort { Port = 80, NodePort = 30080 }] } });
    }

    [Fact]
    public void M_1_AValidBatchStoresEverythingInOneVersionStep()
    {
        var state = NewState();
        using var watch = state.Watch();
        var stored = state.ApplyBatch(
        [
            Service("web", ns: "shop"),
            new Namespace { Metadata = new ObjectMeta { Name = "shop" } },
            Pod("web-1", "web", "127.1.0.20", ns: "shop"),
        ]);

        // The namespace is applied first whatever its position; results keep the given order.
        Assert.Equal([ObjectKind.Service, ObjectKind.Namespace, ObjectKind.Pod], stored.Select(o => o.Kind));
        Assert.NotNull(state.Get<Service>("shop", "web"));
        var events = new List<WatchEvent>();
        while (watch.Events.TryRead(out var e))
        {
            events.Add(e);
        }

        Assert.Equal(3, events.Count);
        Assert.Equal(state.ResourceVersion, events[^1].ResourceVersion);
    }

    [Fact]
    public void M_1_ReapplyingABatchUpdatesInPlace()
    {
        var state = NewState();
        state.ApplyBatch([Service("web")]);
        var first = state.Get<Service>("default", "web")!;
        state.ApplyBatch([Service("web") with { Spec = Service("web").Spec with { Ports = [new ServicePort { Port = 8080 }] } }]);
        var second = state.Get<Service>("default", "web")!;
        Assert.Equal(first.Metadata.Uid, second.Metadata.Uid);
        Assert.Equal(first.Spec.ClusterIP, second.Spec.ClusterIP);
        Assert.Equal(8080, second.Spec.Ports[0].Port);
    }
}
