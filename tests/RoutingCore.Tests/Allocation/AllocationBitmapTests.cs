using RoutingCore.Allocation;

namespace RoutingCore.Tests.Allocation;

public sealed class AllocationBitmapTests
{
    [Fact]
    public void FindClear_RespectsBoundsAcrossWords()
    {
        var bitmap = new AllocationBitmap(200);
        for (var i = 0; i < 200; i++)
        {
            bitmap.Set(i);
        }

        Assert.Equal(-1, bitmap.FindClear(0, 200));
        bitmap.Clear(130);
        Assert.Equal(130, bitmap.FindClear(0, 200));
        Assert.Equal(130, bitmap.FindClear(130, 131));
        Assert.Equal(-1, bitmap.FindClear(0, 130));
        Assert.Equal(-1, bitmap.FindClear(131, 200));
        Assert.Equal(-1, bitmap.FindClear(5, 5));
        Assert.Equal(199, bitmap.Count);
    }

    [Fact]
    public void FindClear_NeverReturnsPaddingBits()
    {
        var bitmap = new AllocationBitmap(70);
        for (var i = 0; i < 70; i++)
        {
            bitmap.Set(i);
        }

        Assert.Equal(-1, bitmap.FindClear(64, 70));
        Assert.Equal(-1, bitmap.FindClearFromRandomStart(0, 70, new Random(1)));
    }

    [Fact]
    public void FindClearFromRandomStart_WrapsOnce()
    {
        var bitmap = new AllocationBitmap(64);
        for (var i = 1; i < 64; i++)
        {
            bitmap.Set(i);
        }

        for (var seed = 0; seed < 20; seed++)
        {
            Assert.Equal(0, bitmap.FindClearFromRandomStart(0, 64, new Random(seed)));
        }
    }

    [Fact]
    public void SetAndClearReportChanges()
    {
        var bitmap = new AllocationBitmap(10);
        Assert.True(bitmap.Set(3));
        Assert.False(bitmap.Set(3));
        Assert.True(bitmap.Get(3));
        Assert.True(bitmap.Clear(3));
        Assert.False(bitmap.Clear(3));
        Assert.Equal(0, bitmap.Count);
    }
}
