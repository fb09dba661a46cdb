using RoutingCore.Kubernetes.Output;

namespace RoutingCore.Kubernetes.Tests.Output;

/// <summary>kubectl's AGE (apimachinery <c>duration.HumanDuration</c>): precision drops with size, units truncate.</summary>
public sealed class HumanDurationTests
{
    [Theory]
    [InlineData(-2, "<invalid>")]
    [InlineData(-1, "0s")]
    [InlineData(0, "0s")]
    [InlineData(5, "5s")]
    [InlineData(119, "119s")]
    [InlineData(120, "2m")]
    [InlineData(200, "3m20s")]
    [InlineData(599, "9m59s")]
    [InlineData(600, "10m")]
    [InlineData(179 * 60 + 59, "179m")]
    [InlineData(3 * 3600, "3h")]
    [InlineData(7 * 3600 + 5 * 60 + 30, "7h5m")]
    [InlineData(8 * 3600 + 59 * 60, "8h")]
    [InlineData(47 * 3600 + 59 * 60, "47h")]
    [InlineData(48 * 3600, "2d")]
    [InlineData(51 * 3600 + 3 * 60, "2d3h")]
    [InlineData(8 * 86400 - 1, "7d23h")]
    [InlineData(8 * 86400, "8d")]
    [InlineData(729 * 86400, "729d")]
    [InlineData(730 * 86400, "2y")]
    [InlineData(830 * 86400, "2y100d")]
    [InlineData(8 * 365 * 86400, "8y")]
    public void MAN6_AgeIsFormattedLikeKubectl(long seconds, string expected) =>
        Assert.Equal(expected, HumanDuration.Format(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void MAN6_ColumnsAreAtLeastSixWideWithThreeSpacesAndTheLastIsNotPadded()
    {
        var table = new TabTable();
        table.Add("A", "BB", "LAST");
        table.Add("longer-name", "x", "y");

        // Column 1: 11 + 3 = 14. Column 2: 2 + 3 = 5, raised to the minimum 6.
        Assert.Equal("A" + new string(' ', 13) + "BB    LAST\n" + "longer-name   " + "x     y\n", table.ToString());
    }
}
