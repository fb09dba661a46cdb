using RoutingCore.Model;
using static RoutingCore.Tests.State.Fixtures;

namespace RoutingCore.Tests.Allocation;

public sealed class PodNetworkControllerTests
{
    [Fact]
    public void PodsWithoutAnAddressGetTheLowestFreeOne()
    {
        var state = NewState();
        state.Create(Pod("a", "web"));
        state.Create(Pod("b", "web"));
        state.Sync();
        var a = state.Get<Pod>("default", "a")!.Status.PodIP;
        var b = state.Get<Pod>("default", "b")!.Status.PodIP;
        Assert.NotEqual(a, b);
        Assert.StartsWith("127.1.0.", a, StringComparison.Ordinal);

        state.Delete<Pod>("default", "a");
        state.Create(Pod("c", "web"));
        state.Sync();
        Assert.Equal(a, state.Get<Pod>("default", "c")!.Status.PodIP);
    }

    [Fact]
    public void AStatedAddressIsHeldAndNeverHandedOut()
    {
        var state = NewState();
        state.Create(Pod("fixed", "web", "127.1.0.2"));
        state.Sync();
        for (var i = 0; i < 5; i++)
        {
            state.Create(Pod($"p{i}", "web"));
        }

        state.Sync();
        Assert.Equal(1, state.List<Pod>().Count(p => p.Status.PodIP == "127.1.0.2"));
    }
}
