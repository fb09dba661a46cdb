using System.Net;
using RoutingCore.Allocation;
using RoutingCore.Validation;

namespace RoutingCore.Tests.Allocation;

public sealed class ServiceIPAllocatorTests
{
    private static ServiceIPAllocator Create(string cidr, int seed = 1) => new(cidr, new Random(seed));

    private static IPAddress Ip(string text) => IPAddress.Parse(text);

    [Theory]
    [InlineData("10.96.0.0/12")]
    [InlineData("10.0.0.0/30")]
    [InlineData("fd00::/108")]
    [InlineData("fd00:10:96::/112")]
    public void IPA_1_AcceptsCidrsUpTo2To20Addresses(string cidr)
    {
        Assert.Equal(cidr, Create(cidr).Cidr.ToString());
    }

    [Theory]
    [InlineData("10.0.0.0/11", "/12 or longer")]
    [InlineData("0.0.0.0/0", "/12 or longer")]
    [InlineData("fd00::/107", "/108 or longer")]
    [InlineData("10.96.0.0", "not a valid CIDR")]
    [InlineData("10.96.0.0/33", "not a valid CIDR")]
    [InlineData("010.96.0.0/12", "not a valid CIDR")]
    [InlineData("", "not a valid CIDR")]
    [InlineData("10.0.0.0/31", "no allocatable address")]
    [InlineData("10.0.0.1/32", "no allocatable address")]
    [InlineData("fd00::/128", "no allocatable address")]
    public void IPA_1_ConfigurationErrorsThrowWithAClearMessage(string cidr, string reason)
    {
        var error = Assert.Throws<ArgumentException>(() => Create(cidr));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Contains(cidr, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IPA_1_HostBitsAreCleared()
    {
        Assert.Equal("10.96.0.0/12", Create("10.96.0.1/12").Cidr.ToString());
    }

    [Fact]
    public void IPA_2_Slash24GivesDot1ToDot254()
    {
        var allocator = Create("10.0.0.0/24");
        Assert.Equal(254, allocator.Size);
        Assert.False(allocator.Contains(Ip("10.0.0.0")));
        Assert.True(allocator.Contains(Ip("10.0.0.1")));
        Assert.True(allocator.Contains(Ip("10.0.0.254")));
        Assert.False(allocator.Contains(Ip("10.0.0.255")));
        Assert.False(allocator.Contains(Ip("10.0.1.1")));
        Assert.False(allocator.Contains(Ip("::ffff:10.0.0.1")));
    }

    [Fact]
    public void IPA_2_IPv6ExcludesOnlyTheNetworkAddress()
    {
        var allocator = Create("fd00::/120");
        Assert.Equal(255, allocator.Size);
        Assert.False(allocator.Contains(Ip("fd00::")));
        Assert.True(allocator.Contains(Ip("fd00::ff")));
        Assert.True(allocator.Allocate(Ip("fd00::ff")).IsSuccess);
    }

    [Fact]
    public void IPA_3_FirstAddressIsNeverHandedOutDynamically()
    {
        var allocator = Create("10.0.0.0/29"); // 6 allocatable, no band split
        Assert.Equal(Ip("10.0.0.1"), allocator.FirstAddress);
        for (var i = 0; i < 5; i++)
        {
            var result = allocator.Allocate();
            Assert.True(result.IsSuccess);
            Assert.NotEqual(allocator.FirstAddress, result.Value);
        }

        Assert.Equal(AllocationFailure.RangeFull, allocator.Allocate().Failure);
        Assert.Equal(1, allocator.Free);
        Assert.True(allocator.Allocate(Ip("10.0.0.1")).IsSuccess);
        Assert.Equal(0, allocator.Free);
    }

    [Fact]
    public void IPA_3_DefaultRangeKubernetesAddress()
    {
        var allocator = Create(ServiceIPAllocator.DefaultCidr);
        Assert.Equal(Ip("10.96.0.1"), allocator.FirstAddress);
        Assert.Equal(Ip("10.96.0.1"), allocator.Allocate(allocator.FirstAddress).Value);
        Assert.True(allocator.Allocate(Ip("10.96.0.10")).IsSuccess);
    }

    [Theory]
    [InlineData("10.112.0.1")]
    [InlineData("10.96.0.0")]
    [InlineData("10.111.255.255")]
    [InlineData("fd00::1")]
    public void IPA_4_RequestedOutsideTheAllocatableSet(string ip)
    {
        var result = Create("10.96.0.0/12").Allocate(Ip(ip));
        Assert.Equal(AllocationFailure.NotInRange, result.Failure);
        var error = FieldError.Invalid(FieldPath.Root("spec").Child("clusterIPs"), new[] { ip }, result.Message);
        Assert.Equal(
            $"spec.clusterIPs: Invalid value: [\"{ip}\"]: failed to allocate IP {ip}: the provided IP ({ip}) is not in the valid range. The range of valid IPs is 10.96.0.0/12",
            error.ToString());
    }

    [Fact]
    public void IPA_4_RequestedAlreadyAllocated()
    {
        var allocator = Create("10.96.0.0/12");
        Assert.True(allocator.Allocate(Ip("10.96.5.5")).IsSuccess);
        var result = allocator.Allocate(Ip("10.96.5.5"));
        Assert.False(result.IsSuccess);
        Assert.Null(result.Value);
        Assert.Equal(AllocationFailure.AlreadyAllocated, result.Failure);
        Assert.Equal("failed to allocate IP 10.96.5.5: provided IP is already allocated", result.Message);
        Assert.Equal(1, allocator.Used);
    }

    [Theory]
    [InlineData("10.0.0.0/24", 16, "10.0.0.16")]
    [InlineData("10.0.0.0/20", 256, "10.0.1.0")]
    [InlineData("10.96.0.0/12", 256, "10.96.1.0")]
    [InlineData("10.0.0.0/27", 16, "10.0.0.16")]
    [InlineData("10.0.0.0/28", 0, null)]
    [InlineData("fd00::/108", 256, "fd00::100")]
    [InlineData("fd00::/120", 16, "fd00::10")]
    public void IPA_5_BandOffsetExamples(string cidr, int offset, string? lastStatic)
    {
        var allocator = Create(cidr);
        Assert.Equal(offset, allocator.StaticBandSize);
        if (lastStatic is not null)
        {
            Assert.True(allocator.Contains(Ip(lastStatic)));
            Assert.Equal(Ip(lastStatic), Offset(allocator.FirstAddress, offset - 1));
        }
    }

    [Fact]
    public void IPA_5_DynamicFillsTheUpperBandThenFallsBackToTheLowerBand()
    {
        var allocator = Create("10.0.0.0/24", seed: 7);
        var seen = new HashSet<IPAddress>();
        for (var i = 0; i < 254 - 16; i++)
        {
            var ip = allocator.Allocate().Value!;
            Assert.True(seen.Add(ip));
            Assert.InRange(LastOctet(ip), 17, 254);
        }

        for (var i = 0; i < 15; i++)
        {
            var ip = allocator.Allocate().Value!;
            Assert.True(seen.Add(ip));
            Assert.InRange(LastOctet(ip), 2, 16);
        }

        var full = allocator.Allocate();
        Assert.Equal(AllocationFailure.RangeFull, full.Failure);
        Assert.Equal("range is full", full.Message);
        Assert.Equal(253, allocator.Used);
    }

    [Fact]
    public void IPA_5_RequestedMayBeInEitherBand()
    {
        var allocator = Create("10.0.0.0/24");
        Assert.True(allocator.Allocate(Ip("10.0.0.5")).IsSuccess);
        Assert.True(allocator.Allocate(Ip("10.0.0.200")).IsSuccess);
        Assert.True(allocator.IsAllocated(Ip("10.0.0.5")));
        Assert.True(allocator.IsAllocated(Ip("10.0.0.200")));
        Assert.False(allocator.IsAllocated(Ip("10.0.0.6")));
    }

    [Fact]
    public void IPA_6_ReleasedAddressIsReusableStraightAway()
    {
        var allocator = Create("10.0.0.0/28");
        var all = new List<IPAddress>();
        for (var result = allocator.Allocate(); result.IsSuccess; result = allocator.Allocate())
        {
            all.Add(result.Value);
        }

        Assert.Equal(13, all.Count);
        Assert.True(allocator.Release(all[4]));
        Assert.False(allocator.Release(all[4]));
        Assert.False(allocator.IsAllocated(all[4]));
        Assert.Equal(all[4], allocator.Allocate().Value);
        Assert.True(allocator.Release(all[4]));
        Assert.Equal(all[4], allocator.Allocate(all[4]).Value);
    }

    [Fact]
    public void IPA_6_ReleaseOfUnknownAddressesChangesNothing()
    {
        var allocator = Create("10.0.0.0/24");
        Assert.False(allocator.Release(Ip("10.0.0.9")));
        Assert.False(allocator.Release(Ip("192.168.0.1")));
        Assert.False(allocator.Release(Ip("fd00::1")));
        Assert.Equal(0, allocator.Used);
        Assert.Equal(254, allocator.Free);
    }

    [Fact]
    public void IPA_5_SameSeedSameSequence()
    {
        var a = Create("10.96.0.0/12", seed: 42);
        var b = Create("10.96.0.0/12", seed: 42);
        var c = Create("10.96.0.0/12", seed: 43);
        var sequenceA = Enumerable.Range(0, 50).Select(_ => a.Allocate().Value!).ToList();
        var sequenceB = Enumerable.Range(0, 50).Select(_ => b.Allocate().Value!).ToList();
        var sequenceC = Enumerable.Range(0, 50).Select(_ => c.Allocate().Value!).ToList();
        Assert.Equal(sequenceA, sequenceB);
        Assert.NotEqual(sequenceA, sequenceC);
        Assert.All(sequenceA, ip => Assert.True(a.Contains(ip)));
    }

    private static int LastOctet(IPAddress ip) => ip.GetAddressBytes()[3];

    private static IPAddress Offset(IPAddress address, int delta)
    {
        var bytes = address.GetAddressBytes();
        var carry = delta;
        for (var i = bytes.Length - 1; i >= 0 && carry != 0; i--)
        {
            var sum = bytes[i] + carry;
            bytes[i] = (byte)sum;
            carry = sum >> 8;
        }

        return new IPAddress(bytes);
    }
}
