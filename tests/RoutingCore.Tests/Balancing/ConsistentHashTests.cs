using System.Text;
using RoutingCore.Balancing;
using static RoutingCore.Tests.Balancing.BalancingFixtures;

namespace RoutingCore.Tests.Balancing;

/// <summary>Consistent hashing (Maglev) on a key: stability, minimal disruption, agreement between proxies.</summary>
public sealed class ConsistentHashTests
{
    private const int Keys = 20_000;
    private const ulong PinnedHashOfUser1 = 14166554182431137624;

    private static SelectionContext Key(int i) => SelectionContext.None.WithHashKey($"user-{i}");

    private static EndpointKey[] Map(EndpointSet set) =>
        Enumerable.Range(0, Keys).Select(i => set.Candidates[Select(set, Key(i))].Key).ToArray();

    [Fact]
    public void SameKeySameEndpoint()
    {
        var set = Set(10, SelectionStrategy.ConsistentHash(1));

        Assert.Equal(Map(set), Map(set));
    }

    [Fact]
    public void KeysAreSpreadEvenly()
    {
        var counts = Map(Set(10, SelectionStrategy.ConsistentHash(1))).GroupBy(k => k).Select(g => g.Count()).ToArray();

        Assert.Equal(10, counts.Length);
        Assert.InRange(ChiSquareUniform(counts), 0, ChiSquareCritical001(9));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(50)]
    public void AddingOneOfNEndpointsMovesAboutOneNth(int n)
    {
        var registry = new EndpointStateRegistry();
        var before = Map(EndpointSet.Create(Endpoints(n), registry, SelectionStrategy.ConsistentHash(1)));
        var after = Map(EndpointSet.Create(Endpoints(n + 1), registry, SelectionStrategy.ConsistentHash(1)));

        var added = Endpoints(n + 1)[n].Key;
        var toNew = Enumerable.Range(0, Keys).Count(i => after[i] == added);
        var betweenOld = Enumerable.Range(0, Keys).Count(i => after[i] != added && after[i] != before[i]);

        // The new endpoint takes its 1/(n+1) share; Maglev reshuffles a little more among the others (under 1 %).
        Assert.InRange(toNew, Keys / (double)(n + 1) * 0.85, Keys / (double)(n + 1) * 1.15);
        Assert.InRange(betweenOld, 0, Keys / 100);
    }

    [Fact]
    public void RemovingAnEndpointMovesOnlyItsKeysMostly()
    {
        var registry = new EndpointStateRegistry();
        var before = Map(EndpointSet.Create(Endpoints(10), registry, SelectionStrategy.ConsistentHash(1)));
        var after = Map(EndpointSet.Create(Endpoints(10).Skip(1), registry, SelectionStrategy.ConsistentHash(1)));

        var removed = Endpoints(10)[0].Key;
        var survivorsMoved = Enumerable.Range(0, Keys).Count(i => before[i] != removed && before[i] != after[i]);

        Assert.InRange(survivorsMoved, 0, Keys * 0.03);
    }

    [Fact]
    public void ProxiesWithTheSameEndpointsAgree()
    {
        // Two processes (registries) that list the endpoints in different orders build the same table.
        var one = EndpointSet.Create(Endpoints(25), new EndpointStateRegistry(), SelectionStrategy.ConsistentHash(1));
        var other = EndpointSet.Create(Endpoints(25).Reverse(), new EndpointStateRegistry(), SelectionStrategy.ConsistentHash(2));

        Assert.Equal(Map(one), Map(other));
    }

    [Fact]
    public void EjectionMovesOnlyTheEjectedEndpointsKeys()
    {
        var clock = Clock();
        var registry = new EndpointStateRegistry(timeProvider: clock);
        var set = Set(10, SelectionStrategy.ConsistentHash(1), registry);
        var before = Map(set);
        var ejected = set.Candidates[3].Key;

        Fail(set, ejected, 5); // keyless selections (random) reach it
        var during = Map(set);

        Assert.All(Enumerable.Range(0, Keys), i => Assert.True(before[i] == ejected ? during[i] != ejected : during[i] == before[i]));

        clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(before, Map(set)); // back when the endpoint returns
    }

    [Fact]
    public void ClientAddressIsTheKeyWhenThereIsNone()
    {
        var set = Set(10, SelectionStrategy.ConsistentHash(1));
        var byClient = Enumerable.Range(0, 200).Select(c => Select(set, Client(c))).ToArray();

        Assert.Equal(byClient, Enumerable.Range(0, 200).Select(c => Select(set, Client(c))));
        Assert.True(byClient.Distinct().Count() > 5);
    }

    [Fact]
    public void AHashKeyWinsOverTheClientAddress()
    {
        var set = Set(10, SelectionStrategy.ConsistentHash(1));
        var withKey = Enumerable.Range(0, 200).Select(c => Select(set, Client(c).WithHashKey("same"))).Distinct();

        Assert.Single(withKey);
    }

    [Fact]
    public void WithoutKeyOrClientPicksAreSpread()
    {
        var counts = CountPicks(Set(10, SelectionStrategy.ConsistentHash(3)), 10_000);

        Assert.InRange(ChiSquareUniform(counts), 0, ChiSquareCritical001(9));
    }

    [Fact]
    public void TextAndByteKeysAreStableHashes()
    {
        var set = Set(10, SelectionStrategy.ConsistentHash(1));

        Assert.Equal(Select(set, SelectionContext.None.WithHashKey("abc")), Select(set, SelectionContext.None.WithHashKey("abc".AsSpan())));
        Assert.Equal(Select(set, SelectionContext.None.WithHashKey("abc"u8)), Select(set, SelectionContext.None.WithHashKey(Encoding.UTF8.GetBytes("abc"))));
        Assert.Equal(StableHash.Of("abc"u8), SelectionContext.None.WithHashKey("abc"u8).HashKey);
        Assert.Equal(PinnedHashOfUser1, StableHash.Of("user-1"u8)); // proxies of different versions must agree
    }

    [Fact]
    public void TableSizeComesInCoarseTiers()
    {
        Assert.Equal(65537, MaglevTable.SizeFor(1));
        Assert.Equal(65537, MaglevTable.SizeFor(655));
        Assert.True(MaglevTable.SizeFor(656) >= 65600);
        Assert.Equal(MaglevTable.SizeFor(656), MaglevTable.SizeFor(1000));
    }
}
