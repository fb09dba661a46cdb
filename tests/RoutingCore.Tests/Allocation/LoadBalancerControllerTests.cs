using RoutingCore.Model;
using RoutingCore.State;
using RoutingCore.Tests.State;
using static RoutingCore.Tests.State.Fixtures;

namespace RoutingCore.Tests.Allocation;

public sealed class LoadBalancerControllerTests
{
    private static Service LoadBalancer(string name, string? loadBalancerClass = null, string? requested = null) =>
        Service(name) with { Spec = Service(name).Spec with { Type = ServiceTypes.LoadBalancer, LoadBalancerClass = loadBalancerClass, LoadBalancerIP = requested } };

    private static string? AddressOf(ClusterState state, string name) =>
        state.Get<Service>("default", name)!.Status.LoadBalancer.Ingress.SingleOrDefault()?.Ip;

    [Fact]
    public void LBA_3_AFreshServiceIsPendingUntilTheControllerRuns()
    {
        var state = NewState();
        var created = state.Create(LoadBalancer("web"));
        Assert.Empty(created.Status.LoadBalancer.Ingress);
        state.Sync();
        var ingress = Assert.Single(state.Get<Service>("default", "web")!.Status.LoadBalancer.Ingress);
        Assert.Equal(("127.3.0.1", "VIP"), (ingress.Ip, ingress.IpMode));
    }

    [Fact]
    public void LBA_4_LowestFreeAddressOrTheRequestedOne()
    {
        var state = NewState();
        state.Create(LoadBalancer("a"));
        state.Create(LoadBalancer("b", requested: "127.3.0.77"));
        state.Create(LoadBalancer("c"));
        state.Sync();
        Assert.Equal(("127.3.0.1", "127.3.0.77", "127.3.0.2"), (AddressOf(state, "a"), AddressOf(state, "b"), AddressOf(state, "c")));
    }

    [Fact]
    public void LBA_4_ARequestedAddressOutsideThePoolsStaysPendingWithAWarning()
    {
        var state = NewState();
        var warnings = new List<ClusterWarning>();
        state.Warning += (_, w) => warnings.Add(w);
        state.Create(LoadBalancer("web", requested: "127.9.9.9"));
        state.Sync();
        Assert.Null(AddressOf(state, "web"));
        Assert.Equal("AllocationFailed", Assert.Single(warnings).Reason);
    }

    [Fact]
    public void LBA_5_ExhaustedPoolsLeaveServicesPendingUntilAnAddressIsFreedOldestFirst()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Epoch);
        var state = NewState(time, o => o with { LoadBalancerPools = ["127.3.0.1-127.3.0.1"] });
        state.Create(LoadBalancer("first"));
        time.Advance(TimeSpan.FromSeconds(1));
        state.Create(LoadBalancer("older"));
        time.Advance(TimeSpan.FromSeconds(1));
        state.Create(LoadBalancer("newer"));
        state.Sync();
        Assert.Equal(("127.3.0.1", null, null), (AddressOf(state, "first"), AddressOf(state, "older"), AddressOf(state, "newer")));

        state.Delete<Service>("default", "first");
        state.Sync();
        Assert.Equal(("127.3.0.1", null), (AddressOf(state, "older"), AddressOf(state, "newer")));
    }

    [Fact]
    public void LBA_2_OtherClassesAreLeftAlone()
    {
        var state = NewState(configure: o => o with { LoadBalancerClass = "routingcore.io/lb" });
        state.Create(LoadBalancer("ours", "routingcore.io/lb"));
        state.Create(LoadBalancer("theirs", "example.com/lb"));
        state.Sync();
        Assert.NotNull(AddressOf(state, "ours"));
        Assert.Null(AddressOf(state, "theirs"));
    }

    [Fact]
    public void LBA_7_ChangingTypeReleasesTheAddressAndClearsTheStatus()
    {
        var state = NewState();
        state.Create(LoadBalancer("web"));
        state.Sync();
        var lb = state.Get<Service>("default", "web")!;
        state.Update(lb with { Spec = lb.Spec with { Type = ServiceTypes.NodePort } });
        state.Sync();
        Assert.Null(AddressOf(state, "web"));

        state.Create(LoadBalancer("next"));
        state.Sync();
        Assert.Equal("127.3.0.1", AddressOf(state, "next"));
    }

    [Fact]
    public void LBA_8_AnExternalIPInsideAPoolIsWarnedAbout()
    {
        var state = NewState();
        var warnings = new List<ClusterWarning>();
        state.Warning += (_, w) => warnings.Add(w);
        state.Create(Service("web") with { Spec = Service("web").Spec with { ExternalIPs = ["127.3.0.9"] } });
        state.Sync();
        Assert.Equal("ExternalIPOverlapsPool", Assert.Single(warnings).Reason);
    }
}
