using System.Net;
using RoutingCore.Allocation;

namespace RoutingCore.Tests.Allocation;

public sealed class PodIPAllocatorTests
{
    private static IPAddress Ip(string text) => IPAddress.Parse(text);

    [Fact]
    public void POD_IP_FirstPodGetsNetworkPlusTwo()
    {
        var allocator = new PodIPAllocator("10.244.0.0/16");
        Assert.Equal(Ip("10.244.0.1"), allocator.Gateway);
        Assert.Equal(Ip("10.244.0.2"), allocator.Allocate().Value);
        Assert.Equal(Ip("10.244.0.3"), allocator.Allocate().Value);
        Assert.Equal(65533, allocator.Size);
        Assert.Equal(2, allocator.Used);
    }

    [Fact]
    public void POD_IP_GatewayIsReservedEvenOnRequest()
    {
        var allocator = new PodIPAllocator("10.244.0.0/24");
        var result = allocator.Allocate(Ip("10.244.0.1"));
        Assert.Equal(AllocationFailure.Reserved, result.Failure);
        Assert.Equal("failed to allocate IP 10.244.0.1: provided IP is the gateway of 10.244.0.0/24", result.Message);
        Assert.False(allocator.Contains(Ip("10.244.0.1")));
    }

    [Theory]
    [InlineData("10.244.1.5")]
    [InlineData("10.244.0.0")]
    [InlineData("10.244.0.255")]
    [InlineData("fd00::5")]
    public void POD_IP_RequestedOutsideTheCidr(string ip)
    {
        var result = new PodIPAllocator("10.244.0.0/24").Allocate(Ip(ip));
        Assert.Equal(AllocationFailure.NotInRange, result.Failure);
        Assert.Equal($"failed to allocate IP {ip}: the provided IP ({ip}) is not in the valid range. The range of valid IPs is 10.244.0.0/24", result.Message);
    }

    [Fact]
    public void POD_IP_LowestFreeAfterReleaseAndAroundRequests()
    {
        var allocator = new PodIPAllocator("10.244.0.0/24");
        Assert.True(allocator.Allocate(Ip("10.244.0.4")).IsSuccess);
        Assert.Equal(Ip("10.244.0.2"), allocator.Allocate().Value);
        Assert.Equal(Ip("10.244.0.3"), allocator.Allocate().Value);
        Assert.Equal(Ip("10.244.0.5"), allocator.Allocate().Value);
        Assert.True(allocator.Release(Ip("10.244.0.3")));
        Assert.False(allocator.Release(Ip("10.244.0.3")));
        Assert.False(allocator.IsAllocated(Ip("10.244.0.3")));
        Assert.Equal(Ip("10.244.0.3"), allocator.Allocate().Value);
        Assert.Equal(Ip("10.244.0.6"), allocator.Allocate().Value);
        var taken = allocator.Allocate(Ip("10.244.0.6"));
        Assert.Equal(AllocationFailure.AlreadyAllocated, taken.Failure);
        Assert.Equal("failed to allocate IP 10.244.0.6: provided IP is already allocated", taken.Message);
    }

    [Fact]
    public void POD_IP_FullAndReuse()
    {
        var allocator = new PodIPAllocator("10.0.0.0/29"); // .2 to .6
        var all = new List<IPAddress>();
        for (var result = allocator.Allocate(); result.IsSuccess; result = allocator.Allocate())
        {
            all.Add(result.Value);
        }

        Assert.Equal(["10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5", "10.0.0.6"], all.Select(a => a.ToString()));
        Assert.Equal(AllocationFailure.RangeFull, allocator.Allocate().Failure);
        Assert.Equal(0, allocator.Free);
        Assert.True(allocator.Release(Ip("10.0.0.4")));
        Assert.Equal(Ip("10.0.0.4"), allocator.Allocate().Value);
    }

    [Fact]
    public void POD_IP_IPv6()
    {
        var allocator = new PodIPAllocator("fd00:10:244::/112");
        Assert.Equal(Ip("fd00:10:244::2"), allocator.Allocate().Value);
        Assert.True(allocator.Allocate(Ip("fd00:10:244::ffff")).IsSuccess);
    }

    [Theory]
    [InlineData("10.0.0.0/7", "/8 or longer")]
    [InlineData("fd00::/103", "/104 or longer")]
    [InlineData("10.0.0.0/31", "no allocatable address")]
    [InlineData("fd00::/127", "besides the gateway")]
    [InlineData("pods", "not a valid CIDR")]
    public void POD_IP_ConfigurationErrors(string cidr, string reason)
    {
        var error = Assert.Throws<ArgumentException>(() => new PodIPAllocator(cidr));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void POD_IP_LargestCidrAccepted()
    {
        var allocator = new PodIPAllocator("10.0.0.0/8");
        Assert.Equal(Ip("10.0.0.2"), allocator.Allocate().Value);
        Assert.True(allocator.Allocate(Ip("10.255.255.254")).IsSuccess);
    }
}
