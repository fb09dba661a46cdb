using RoutingCore.Allocation;
using RoutingCore.Model;

namespace RoutingCore.Tests.Allocation;

public sealed class NodePortPlanTests
{
    private static ServicePort Port(int port, string protocol = "TCP", int nodePort = 0, string name = "") =>
        new() { Name = name, Port = port, Protocol = protocol, NodePort = nodePort, TargetPort = port };

    private static ServiceSpec Spec(string type, params ServicePort[] ports) => new()
    {
        Type = type,
        Ports = [.. ports],
        AllocateLoadBalancerNodePorts = type == ServiceTypes.LoadBalancer ? true : null,
        ExternalTrafficPolicy = type is ServiceTypes.NodePort or ServiceTypes.LoadBalancer ? ServicePolicies.Cluster : null,
    };

    private static NodePortAllocator Allocator(int seed = 1) => new(new Random(seed));

    /// <summary>Plans and applies a change, commits it, and returns the stored spec.</summary>
    private static ServiceSpec Store(NodePortAllocator allocator, ServiceSpec spec, ServiceSpec? old = null)
    {
        var change = NodePortPlan.Create(spec, old).Apply(allocator);
        Assert.True(change.Succeeded, change.Invalid?.ToString() ?? change.InternalError);
        change.Commit(allocator);
        return spec with { Ports = change.Ports, HealthCheckNodePort = change.HealthCheckNodePort };
    }

    private static int[] NodePorts(ServiceSpec spec) => [.. spec.Ports.Select(p => p.NodePort)];

    [Fact]
    public void NPA_2_NodePortServiceGetsOnePerPort()
    {
        var allocator = Allocator();
        var stored = Store(allocator, Spec(ServiceTypes.NodePort, Port(80, name: "http"), Port(443, name: "https")));
        Assert.All(NodePorts(stored), np => Assert.InRange(np, 30086, 32767));
        Assert.NotEqual(stored.Ports[0].NodePort, stored.Ports[1].NodePort);
        Assert.Equal(2, allocator.Used);
    }

    [Fact]
    public void NPA_2_LoadBalancerWithoutNodePortsAllocatesOnlyExplicitOnes()
    {
        var allocator = Allocator();
        var spec = Spec(ServiceTypes.LoadBalancer, Port(80, name: "http"), Port(443, name: "https", nodePort: 30443)) with { AllocateLoadBalancerNodePorts = false };
        var plan = NodePortPlan.Create(spec, null);
        Assert.Equal([new NodePortAssignment(NodePortAction.None, 0, -1), new NodePortAssignment(NodePortAction.Request, 30443, 1)], plan.Ports);
        Assert.Equal([0, 30443], NodePorts(Store(allocator, spec)));
        Assert.Equal(1, allocator.Used);
    }

    [Theory]
    [InlineData(ServiceTypes.ClusterIP)]
    [InlineData(ServiceTypes.ExternalName)]
    public void NPA_2_ClusterIPAndExternalNameGetNone(string type)
    {
        var plan = NodePortPlan.Create(Spec(type, Port(80)), null);
        Assert.Equal([new NodePortAssignment(NodePortAction.None, 0, -1)], plan.Ports);
        Assert.Equal(NodePortAction.None, plan.HealthCheck.Action);
        Assert.Empty(plan.ToRelease);
    }

    [Fact]
    public void NPA_4_SamePortNumberSharesOneAutoAllocatedNodePort()
    {
        var allocator = Allocator();
        var spec = Spec(ServiceTypes.NodePort, Port(53, "TCP", name: "dns-tcp"), Port(53, "UDP", name: "dns-udp"), Port(54, "UDP", name: "other"));
        var plan = NodePortPlan.Create(spec, null);
        Assert.Equal([0, 0, 2], plan.Ports.Select(a => a.Owner));
        var stored = Store(allocator, spec);
        Assert.Equal(stored.Ports[0].NodePort, stored.Ports[1].NodePort);
        Assert.NotEqual(stored.Ports[0].NodePort, stored.Ports[2].NodePort);
        Assert.Equal(2, allocator.Used);
    }

    [Fact]
    public void NPA_4_ExplicitValueIsUsedForTheOthersThatLeaveItEmpty()
    {
        var allocator = Allocator();
        var spec = Spec(ServiceTypes.NodePort, Port(53, "TCP", name: "dns-tcp"), Port(53, "UDP", nodePort: 30053, name: "dns-udp"));
        Assert.Equal([30053, 30053], NodePorts(Store(allocator, spec)));
        Assert.Equal(1, allocator.Used);
    }

    [Fact]
    public void NPA_4_SameExplicitNodePortOnDifferentProtocolsIsAllocatedOnce()
    {
        var allocator = Allocator();
        var spec = Spec(ServiceTypes.NodePort, Port(80, "TCP", nodePort: 30080, name: "a"), Port(81, "UDP", nodePort: 30080, name: "b"));
        Assert.Equal([30080, 30080], NodePorts(Store(allocator, spec)));
        Assert.Equal(1, allocator.Used);
    }

    [Fact]
    public void NPA_3_ExplicitOutOfRangeIsReportedAtThePort()
    {
        var allocator = Allocator();
        var change = NodePortPlan.Create(Spec(ServiceTypes.NodePort, Port(80, nodePort: 30080, name: "a"), Port(81, nodePort: 40000, name: "b")), null).Apply(allocator);
        Assert.False(change.Succeeded);
        Assert.Equal("spec.ports[1].nodePort: Invalid value: 40000: provided port is not in the valid range. The range of valid ports is 30000-32767", change.Invalid!.ToString());
        Assert.Null(change.InternalError);
        Assert.Equal(0, allocator.Used); // 30080 was rolled back
    }

    [Fact]
    public void NPA_3_SharedExplicitValueFailsAtTheFirstPortCarryingIt()
    {
        var allocator = Allocator();
        allocator.Allocate(30053);
        var change = NodePortPlan.Create(Spec(ServiceTypes.NodePort, Port(53, "TCP", name: "t"), Port(53, "UDP", nodePort: 30053, name: "u")), null).Apply(allocator);
        Assert.Equal("spec.ports[0].nodePort: Invalid value: 30053: provided port is already allocated", change.Invalid!.ToString());
        Assert.Equal(1, allocator.Used);
    }

    [Fact]
    public void NPA_5_FullRangeIsAnInternalErrorAndRollsBack()
    {
        var allocator = new NodePortAllocator(30000, 30001, new Random(1));
        allocator.Allocate(30000);
        var change = NodePortPlan.Create(Spec(ServiceTypes.NodePort, Port(80, name: "a"), Port(81, name: "b")), null).Apply(allocator);
        Assert.False(change.Succeeded);
        Assert.Equal("failed to allocate a nodePort: range is full", change.InternalError);
        Assert.True(change.Ports.IsEmpty);
        Assert.True(change.Allocated.IsEmpty);
        Assert.Equal(1, allocator.Used);
        Assert.True(allocator.IsAllocated(30000));
    }

    [Fact]
    public void NPA_5_ExplicitRequestsGoBeforeAutomaticOnes()
    {
        for (var seed = 0; seed < 20; seed++)
        {
            var allocator = new NodePortAllocator(30000, 30001, new Random(seed));
            var stored = Store(allocator, Spec(ServiceTypes.NodePort, Port(80, name: "a"), Port(81, nodePort: 30000, name: "b")));
            Assert.Equal([30001, 30000], NodePorts(stored));
        }
    }

    [Fact]
    public void NPA_7_UpdateKeepsMatchedPortsReleasesRemovedAndAllocatesNew()
    {
        var allocator = Allocator();
        var old = Store(allocator, Spec(ServiceTypes.NodePort, Port(80, name: "http"), Port(443, name: "https")));
        var update = Spec(ServiceTypes.NodePort, Port(80, name: "web"), Port(8080, name: "alt"));
        var plan = NodePortPlan.Create(update, old);
        Assert.Equal(new NodePortAssignment(NodePortAction.Keep, old.Ports[0].NodePort, -1), plan.Ports[0]);
        Assert.Equal(NodePortAction.Allocate, plan.Ports[1].Action);
        Assert.Equal([old.Ports[1].NodePort], plan.ToRelease);

        var change = plan.Apply(allocator);
        Assert.True(allocator.IsAllocated(old.Ports[1].NodePort)); // release waits for Commit
        change.Commit(allocator);
        Assert.False(allocator.IsAllocated(old.Ports[1].NodePort));
        Assert.Equal(old.Ports[0].NodePort, change.Ports[0].NodePort);
        Assert.True(allocator.IsAllocated(change.Ports[1].NodePort));
        Assert.Equal(2, allocator.Used);
    }

    [Fact]
    public void NPA_7_MatchIsByPortAndProtocol()
    {
        var allocator = Allocator();
        var old = Store(allocator, Spec(ServiceTypes.NodePort, Port(53, "TCP", nodePort: 30053, name: "dns")));
        var plan = NodePortPlan.Create(Spec(ServiceTypes.NodePort, Port(53, "UDP", name: "dns")), old);
        Assert.Equal(NodePortAction.Allocate, plan.Ports[0].Action);
        Assert.Equal([30053], plan.ToRelease);
    }

    [Fact]
    public void NPA_4_NewProtocolOnAnExistingPortNumberSharesTheKeptNodePort()
    {
        var allocator = Allocator();
        var old = Store(allocator, Spec(ServiceTypes.NodePort, Port(53, "TCP", nodePort: 30053, name: "dns-tcp")));
        var stored = Store(allocator, Spec(ServiceTypes.NodePort, Port(53, "TCP", name: "dns-tcp"), Port(53, "UDP", name: "dns-udp")), old);
        Assert.Equal([30053, 30053], NodePorts(stored));
        Assert.Equal(1, allocator.Used);
    }

    [Fact]
    public void SVC_V20_OldValueMovedExplicitlyToAnotherPortIsNotPatchedBack()
    {
        var allocator = Allocator();
        var old = Store(allocator, Spec(ServiceTypes.NodePort, Port(80, nodePort: 30080, name: "a"), Port(81, nodePort: 30081, name: "b")));
        var plan = NodePortPlan.Create(Spec(ServiceTypes.NodePort, Port(80, name: "a"), Port(81, nodePort: 30080, name: "b")), old);
        Assert.Equal(NodePortAction.Allocate, plan.Ports[0].Action);
        Assert.Equal(new NodePortAssignment(NodePortAction.Keep, 30080, -1), plan.Ports[1]);
        Assert.Equal([30081], plan.ToRelease);
    }

    [Fact]
    public void SVC_C1_ChangeToClusterIPReleasesEveryNodePort()
    {
        var allocator = Allocator();
        var old = Store(allocator, Spec(ServiceTypes.LoadBalancer, Port(80, name: "a"), Port(81, name: "b")) with { ExternalTrafficPolicy = ServicePolicies.Local });
        Assert.Equal(3, allocator.Used);
        var stored = Store(allocator, Spec(ServiceTypes.ClusterIP, Port(80, name: "a"), Port(81, name: "b")), old);
        Assert.Equal([0, 0], NodePorts(stored));
        Assert.Equal(0, stored.HealthCheckNodePort);
        Assert.Equal(0, allocator.Used);
    }

    [Fact]
    public void SVC_C4_NodePortToLoadBalancerKeepsNodePorts()
    {
        var allocator = Allocator();
        var old = Store(allocator, Spec(ServiceTypes.NodePort, Port(80)));
        var stored = Store(allocator, Spec(ServiceTypes.LoadBalancer, Port(80)), old);
        Assert.Equal(NodePorts(old), NodePorts(stored));
        var back = Store(allocator, Spec(ServiceTypes.NodePort, Port(80)), stored);
        Assert.Equal(NodePorts(old), NodePorts(back));
        Assert.Equal(1, allocator.Used);
    }

    [Fact]
    public void NPA_7_LoadBalancerTurningOffNodePortAllocationKeepsExistingOnes()
    {
        var allocator = Allocator();
        var old = Store(allocator, Spec(ServiceTypes.LoadBalancer, Port(80)));
        var stored = Store(allocator, Spec(ServiceTypes.LoadBalancer, Port(80)) with { AllocateLoadBalancerNodePorts = false }, old);
        Assert.Equal(NodePorts(old), NodePorts(stored));
    }

    [Fact]
    public void NPA_6_HealthCheckNodePortAllocatedForLocalLoadBalancer()
    {
        var allocator = Allocator();
        var spec = Spec(ServiceTypes.LoadBalancer, Port(80)) with { ExternalTrafficPolicy = ServicePolicies.Local };
        Assert.Equal(new NodePortAssignment(NodePortAction.Allocate, 0, -1), NodePortPlan.Create(spec, null).HealthCheck);
        var stored = Store(allocator, spec);
        Assert.InRange(stored.HealthCheckNodePort, 30086, 32767);
        Assert.NotEqual(stored.Ports[0].NodePort, stored.HealthCheckNodePort);
        Assert.True(allocator.IsAllocated(stored.HealthCheckNodePort));

        var again = NodePortPlan.Create(spec, stored);
        Assert.Equal(new NodePortAssignment(NodePortAction.Keep, stored.HealthCheckNodePort, -1), again.HealthCheck);
        Assert.Empty(again.ToRelease);
    }

    [Fact]
    public void NPA_6_ExplicitHealthCheckNodePortAndItsErrors()
    {
        var allocator = Allocator();
        allocator.Allocate(30100);
        var spec = Spec(ServiceTypes.LoadBalancer, Port(80)) with { ExternalTrafficPolicy = ServicePolicies.Local, HealthCheckNodePort = 30100 };
        var change = NodePortPlan.Create(spec, null).Apply(allocator);
        Assert.Equal("failed to allocate requested HealthCheck NodePort 30100: provided port is already allocated", change.InternalError);
        Assert.Equal(1, allocator.Used); // the service port's allocation was rolled back

        Assert.Equal(30101, Store(allocator, spec with { HealthCheckNodePort = 30101 }).HealthCheckNodePort);
    }

    [Fact]
    public void NPA_6_HealthCheckAutoAllocationOnFullRange()
    {
        var allocator = new NodePortAllocator(30000, 30000, new Random(1));
        var spec = Spec(ServiceTypes.LoadBalancer, Port(80)) with { ExternalTrafficPolicy = ServicePolicies.Local };
        var change = NodePortPlan.Create(spec, null).Apply(allocator);
        Assert.Equal("failed to allocate a HealthCheck NodePort 0: range is full", change.InternalError);
        Assert.Equal(0, allocator.Used);
    }

    [Theory]
    [InlineData(ServiceTypes.LoadBalancer, ServicePolicies.Cluster)]
    [InlineData(ServiceTypes.NodePort, ServicePolicies.Local)]
    [InlineData(ServiceTypes.ClusterIP, null)]
    public void SVC_C5_HealthCheckNodePortReleasedWhenNoLongerNeeded(string type, string? policy)
    {
        var allocator = Allocator();
        var old = Store(allocator, Spec(ServiceTypes.LoadBalancer, Port(80)) with { ExternalTrafficPolicy = ServicePolicies.Local });
        var plan = NodePortPlan.Create(Spec(type, Port(80)) with { ExternalTrafficPolicy = policy }, old);
        Assert.Equal(NodePortAction.None, plan.HealthCheck.Action);
        Assert.Contains(old.HealthCheckNodePort, plan.ToRelease);
        var stored = Store(allocator, Spec(type, Port(80)) with { ExternalTrafficPolicy = policy }, old);
        Assert.Equal(0, stored.HealthCheckNodePort);
        Assert.False(allocator.IsAllocated(old.HealthCheckNodePort));
    }

    [Fact]
    public void IPA_7_RollbackUndoesTheChangeAndKeepsTheOldPorts()
    {
        var allocator = Allocator();
        var old = Store(allocator, Spec(ServiceTypes.NodePort, Port(80, name: "a")));
        var change = NodePortPlan.Create(Spec(ServiceTypes.NodePort, Port(81, name: "b"), Port(82, nodePort: 30082, name: "c")), old).Apply(allocator);
        Assert.True(change.Succeeded);
        Assert.Equal(3, allocator.Used);
        change.Rollback(allocator);
        Assert.Equal(1, allocator.Used);
        Assert.True(allocator.IsAllocated(old.Ports[0].NodePort));
        Assert.False(allocator.IsAllocated(30082));
    }

    [Fact]
    public void NPA_7_PortsKeepTheirOtherFieldsAndUnchangedOnesAreTheSameObjects()
    {
        var allocator = Allocator();
        var spec = Spec(ServiceTypes.NodePort, Port(80, nodePort: 30080, name: "a"), Port(81, name: "b") with { AppProtocol = "http" });
        var change = NodePortPlan.Create(spec, null).Apply(allocator);
        Assert.Same(spec.Ports[0], change.Ports[0]);
        Assert.Equal(spec.Ports[1] with { NodePort = change.Ports[1].NodePort }, change.Ports[1]);
        Assert.Equal([30080, change.Ports[1].NodePort], change.Allocated);
    }
}
