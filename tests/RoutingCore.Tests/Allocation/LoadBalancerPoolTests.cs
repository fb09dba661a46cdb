using System.Net;
using RoutingCore.Allocation;

namespace RoutingCore.Tests.Allocation;

public sealed class LoadBalancerPoolTests
{
    private static IPAddress Ip(string text) => IPAddress.Parse(text);

    private static List<string> Drain(LoadBalancerPool pool)
    {
        var all = new List<string>();
        while (pool.TryAllocate(null, out var address))
        {
            all.Add(address.ToString());
        }

        return all;
    }

    [Theory]
    [InlineData("192.0.2.0/30", new[] { "192.0.2.1", "192.0.2.2" })]
    [InlineData("192.0.2.0/31", new[] { "192.0.2.0", "192.0.2.1" })]
    [InlineData("192.0.2.7/32", new[] { "192.0.2.7" })]
    [InlineData("192.0.2.10-192.0.2.12", new[] { "192.0.2.10", "192.0.2.11", "192.0.2.12" })]
    [InlineData(" 192.0.2.255 - 192.0.3.0 ", new[] { "192.0.2.255", "192.0.3.0" })]
    [InlineData("192.0.2.5-192.0.2.5", new[] { "192.0.2.5" })]
    [InlineData("fd00::/126", new[] { "fd00::1", "fd00::2", "fd00::3" })]
    [InlineData("fd00::/127", new[] { "fd00::", "fd00::1" })]
    [InlineData("fd00::fe-fd00::100", new[] { "fd00::fe", "fd00::ff", "fd00::100" })]
    public void LBA_1_PoolEntriesAndTheirAddresses(string entry, string[] expected)
    {
        Assert.Equal(expected, Drain(new LoadBalancerPool([entry])));
    }

    [Fact]
    public void LBA_1_CidrPoolLeavesOutNetworkAndBroadcast()
    {
        var pool = new LoadBalancerPool(["192.0.2.0/24"]);
        Assert.False(pool.Contains(Ip("192.0.2.0")));
        Assert.True(pool.Contains(Ip("192.0.2.1")));
        Assert.True(pool.Contains(Ip("192.0.2.254")));
        Assert.False(pool.Contains(Ip("192.0.2.255")));
        Assert.Equal(AllocationFailure.NotInRange, pool.Allocate(Ip("192.0.2.255")).Failure);
    }

    [Theory]
    [InlineData("192.0.2.5-192.0.2.1", "ends before it starts")]
    [InlineData("192.0.2.1-fd00::1", "mixes IPv4 and IPv6")]
    [InlineData("192.0.2.1-", "not a valid address range")]
    [InlineData("192.0.2.1-192.0.2.300", "not a valid address range")]
    [InlineData("pool-a", "not a valid address range")]
    [InlineData("192.0.2.0/33", "neither a CIDR")]
    [InlineData("192.0.2.0", "neither a CIDR")]
    [InlineData("", "neither a CIDR")]
    public void LBA_1_BadEntriesThrow(string entry, string reason)
    {
        var error = Assert.Throws<ArgumentException>(() => new LoadBalancerPool([entry]));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LBA_1_OverlappingPoolsThrow()
    {
        var error = Assert.Throws<ArgumentException>(() => new LoadBalancerPool(["192.0.2.0/24", "192.0.2.200-192.0.3.10"]));
        Assert.Contains("192.0.2.1-192.0.2.254 and 192.0.2.200-192.0.3.10 overlap", error.Message, StringComparison.Ordinal);
        _ = new LoadBalancerPool(["192.0.2.0/24", "192.0.3.0/24", "fd00::/120"]);
    }

    [Fact]
    public void LBA_4_LowestFreeAddressOfTheFirstPoolWithOne()
    {
        var pool = new LoadBalancerPool(["192.0.2.0/30", "198.51.100.10-198.51.100.11"]);
        Assert.Equal(["192.0.2.1", "192.0.2.2", "198.51.100.10"], Enumerable.Range(0, 3).Select(_ => pool.Allocate(null).Value!.ToString()));
        Assert.True(pool.Release(Ip("192.0.2.1")));
        Assert.Equal(Ip("192.0.2.1"), pool.Allocate(null).Value);
        Assert.True(pool.Release(Ip("198.51.100.10")));
        Assert.Equal(Ip("198.51.100.10"), pool.Allocate(null).Value);
        Assert.Equal(Ip("198.51.100.11"), pool.Allocate(null).Value);
        Assert.Equal(4, pool.Used);
    }

    [Fact]
    public void LBA_4_LowestFreeSkipsRequestedAddresses()
    {
        var pool = new LoadBalancerPool(["10.0.0.10-10.0.0.20"]);
        Assert.True(pool.Allocate(Ip("10.0.0.10")).IsSuccess);
        Assert.True(pool.Allocate(Ip("10.0.0.11")).IsSuccess);
        Assert.True(pool.Allocate(Ip("10.0.0.13")).IsSuccess);
        Assert.Equal(Ip("10.0.0.12"), pool.Allocate(null).Value);
        Assert.Equal(Ip("10.0.0.14"), pool.Allocate(null).Value);
    }

    [Fact]
    public void LBA_4_RequestedAddressInAPoolAndFree()
    {
        var pool = new LoadBalancerPool(["192.0.2.0/24", "fd00::/120"]);
        Assert.True(pool.TryAllocate(Ip("192.0.2.77"), out var v4));
        Assert.Equal(Ip("192.0.2.77"), v4);
        Assert.True(pool.TryAllocate(Ip("fd00::77"), out var v6));
        Assert.Equal(Ip("fd00::77"), v6);
        Assert.True(pool.IsAllocated(Ip("192.0.2.77")));
        Assert.False(pool.IsAllocated(Ip("192.0.2.78")));
    }

    [Fact]
    public void LBA_4_RequestedAddressOutsideThePoolsIsNotReplaced()
    {
        var pool = new LoadBalancerPool(["192.0.2.0/24"]);
        var result = pool.Allocate(Ip("203.0.113.5"));
        Assert.Equal(AllocationFailure.NotInRange, result.Failure);
        Assert.Equal("requested IP 203.0.113.5 is not in any LoadBalancer pool", result.Message);
        Assert.False(pool.TryAllocate(Ip("203.0.113.5"), out var address));
        Assert.Null(address);
        Assert.Equal(0, pool.Used);
    }

    [Fact]
    public void LBA_4_RequestedAddressTakenIsNotReplaced()
    {
        var pool = new LoadBalancerPool(["192.0.2.0/24"]);
        Assert.True(pool.Allocate(Ip("192.0.2.9")).IsSuccess);
        var result = pool.Allocate(Ip("192.0.2.9"));
        Assert.Equal(AllocationFailure.AlreadyAllocated, result.Failure);
        Assert.Equal("requested IP 192.0.2.9 is already allocated", result.Message);
        Assert.Equal(1, pool.Used);
    }

    [Fact]
    public void LBA_5_ExhaustedPoolsLeaveTheServicePending()
    {
        var pool = new LoadBalancerPool(["192.0.2.1-192.0.2.2"]);
        Assert.Equal(2, Drain(pool).Count);
        var result = pool.Allocate(null);
        Assert.Equal(AllocationFailure.RangeFull, result.Failure);
        Assert.Equal("no free address in the LoadBalancer pools", result.Message);
        Assert.True(pool.Release(Ip("192.0.2.2")));
        Assert.False(pool.Release(Ip("192.0.2.2")));
        Assert.Equal(Ip("192.0.2.2"), pool.Allocate(null).Value);
    }

    [Fact]
    public void LBA_5_NoPoolsNeverAllocates()
    {
        var pool = new LoadBalancerPool([]);
        Assert.Equal(AllocationFailure.RangeFull, pool.Allocate(null).Failure);
        Assert.Equal(AllocationFailure.NotInRange, pool.Allocate(Ip("192.0.2.1")).Failure);
        Assert.False(pool.Contains(Ip("192.0.2.1")));
    }

    [Fact]
    public void LBA_1_TopOfTheAddressSpaceDoesNotOverflow()
    {
        var pool = new LoadBalancerPool(["ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "255.255.255.254/31"]);
        Assert.Equal(
            ["ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "255.255.255.254", "255.255.255.255"],
            Drain(pool));
    }

    [Fact]
    public void LBA_6_OneAddressPerAllocationNeverShared()
    {
        var pool = new LoadBalancerPool(["192.0.2.0/28"]);
        var all = Drain(pool);
        Assert.Equal(14, all.Count);
        Assert.Equal(all.Count, all.Distinct().Count());
    }
}
