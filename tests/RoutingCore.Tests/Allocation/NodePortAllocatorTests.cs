using RoutingCore.Allocation;
using RoutingCore.Validation;

namespace RoutingCore.Tests.Allocation;

public sealed class NodePortAllocatorTests
{
    [Theory]
    [InlineData(30000, 32767, 86)]
    [InlineData(20000, 32767, 128)]
    [InlineData(30000, 30015, 0)]
    [InlineData(30000, 30016, 16)]
    [InlineData(30000, 30000, 0)]
    [InlineData(1, 65535, 128)]
    public void NPA_5_BandOffsetExamples(int min, int max, int offset)
    {
        Assert.Equal(offset, new NodePortAllocator(min, max, new Random(1)).StaticBandSize);
    }

    [Fact]
    public void NPA_1_DefaultRange()
    {
        var allocator = new NodePortAllocator(new Random(1));
        Assert.Equal((30000, 32767, 2768), (allocator.Min, allocator.Max, allocator.Size));
        Assert.Equal("30000-32767", allocator.RangeText);
        Assert.True(allocator.Contains(30000));
        Assert.True(allocator.Contains(32767));
        Assert.False(allocator.Contains(29999));
        Assert.False(allocator.Contains(32768));
    }

    [Theory]
    [InlineData(0, 100)]
    [InlineData(100, 99)]
    [InlineData(30000, 65536)]
    [InlineData(-5, 10)]
    public void NPA_1_InvalidRangesThrow(int min, int max)
    {
        var error = Assert.Throws<ArgumentException>(() => new NodePortAllocator(min, max, new Random(1)));
        Assert.Contains($"{min}-{max}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NPA_5_DefaultRangeDynamicAllocationsAvoidTheStaticBand()
    {
        var allocator = new NodePortAllocator(new Random(3));
        for (var i = 0; i < 500; i++)
        {
            Assert.InRange(allocator.Allocate().Value, 30086, 32767);
        }
    }

    [Fact]
    public void NPA_5_FallsBackToTheStaticBandOnlyWhenTheDynamicBandIsFull()
    {
        var allocator = new NodePortAllocator(30000, 30040, new Random(5)); // size 41, static 30000-30015
        var seen = new HashSet<int>();
        for (var i = 0; i < 25; i++)
        {
            var port = allocator.Allocate().Value;
            Assert.True(seen.Add(port));
            Assert.InRange(port, 30016, 30040);
        }

        for (var i = 0; i < 16; i++)
        {
            var port = allocator.Allocate().Value;
            Assert.True(seen.Add(port));
            Assert.InRange(port, 30000, 30015);
        }

        var full = allocator.Allocate();
        Assert.Equal(AllocationFailure.RangeFull, full.Failure);
        Assert.Equal("range is full", full.Message);
        Assert.Equal(0, allocator.Free);
    }

    [Fact]
    public void NPA_5_NoSplitUsesTheWholeRange()
    {
        var allocator = new NodePortAllocator(30000, 30015, new Random(9));
        var ports = Enumerable.Range(0, 16).Select(_ => allocator.Allocate().Value).Order().ToArray();
        Assert.Equal(Enumerable.Range(30000, 16), ports);
    }

    [Theory]
    [InlineData(30000, 32767, 40000, "30000-32767")]
    [InlineData(30000, 32767, 29999, "30000-32767")]
    [InlineData(20000, 22767, 80, "20000-22767")]
    public void NPA_3_RequestedOutsideTheRange(int min, int max, int port, string range)
    {
        var result = new NodePortAllocator(min, max, new Random(1)).Allocate(port);
        Assert.Equal(AllocationFailure.NotInRange, result.Failure);
        var error = FieldError.Invalid(FieldPath.Root("spec").Child("ports").Index(0).Child("nodePort"), port, result.Message);
        Assert.Equal($"spec.ports[0].nodePort: Invalid value: {port}: provided port is not in the valid range. The range of valid ports is {range}", error.ToString());
    }

    [Fact]
    public void NPA_3_RequestedAlreadyAllocatedWhateverTheProtocol()
    {
        var allocator = new NodePortAllocator(new Random(1));
        Assert.Equal(30080, allocator.Allocate(30080).Value);
        var again = allocator.Allocate(30080);
        Assert.Equal(AllocationFailure.AlreadyAllocated, again.Failure);
        Assert.Equal("provided port is already allocated", again.Message);
        Assert.True(allocator.IsAllocated(30080));
        Assert.Equal(1, allocator.Used);
    }

    [Fact]
    public void NPA_3_RequestedMayBeInEitherBand()
    {
        var allocator = new NodePortAllocator(new Random(1));
        Assert.True(allocator.Allocate(30000).IsSuccess);
        Assert.True(allocator.Allocate(32767).IsSuccess);
    }

    [Fact]
    public void NPA_7_ReleaseAndReuse()
    {
        var allocator = new NodePortAllocator(30000, 30003, new Random(2));
        var ports = Enumerable.Range(0, 4).Select(_ => allocator.Allocate().Value).ToArray();
        Assert.False(allocator.Allocate().IsSuccess);
        Assert.True(allocator.Release(ports[2]));
        Assert.False(allocator.Release(ports[2]));
        Assert.False(allocator.Release(12));
        Assert.Equal(ports[2], allocator.Allocate().Value);
    }

    [Fact]
    public void NPA_5_SameSeedSameSequence()
    {
        var a = new NodePortAllocator(new Random(11));
        var b = new NodePortAllocator(new Random(11));
        var c = new NodePortAllocator(new Random(12));
        var sequenceA = Enumerable.Range(0, 40).Select(_ => a.Allocate().Value).ToList();
        Assert.Equal(sequenceA, Enumerable.Range(0, 40).Select(_ => b.Allocate().Value));
        Assert.NotEqual(sequenceA, Enumerable.Range(0, 40).Select(_ => c.Allocate().Value));
    }
}
