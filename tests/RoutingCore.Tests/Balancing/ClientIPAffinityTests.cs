using System.Net;
using RoutingCore.Balancing;
using static RoutingCore.Tests.Balancing.BalancingFixtures;

namespace RoutingCore.Tests.Balancing;

/// <summary>Service <c>sessionAffinity: ClientIP</c> (AFF-1..AFF-3) with a fake clock.</summary>
public sealed class ClientIPAffinityTests
{
    // Round robin as the fallback makes a re-pick observable: with several endpoints it never repeats the last pick.
    private static SelectionStrategy Affinity(int timeoutSeconds = 60) =>
        SelectionStrategy.ClientIPAffinity(TimeSpan.FromSeconds(timeoutSeconds), SelectionStrategy.RoundRobin(4));

    [Fact]
    public void AFF_1_EachClientStaysOnItsEndpoint()
    {
        var clock = Clock();
        var set = Set(5, Affinity(), new EndpointStateRegistry(timeProvider: clock));
        var first = Enumerable.Range(0, 100).Select(c => Select(set, Client(c))).ToArray();

        for (var round = 0; round < 10; round++)
        {
            clock.Advance(TimeSpan.FromSeconds(30));
            Assert.Equal(first, Enumerable.Range(0, 100).Select(c => Select(set, Client(c))));
        }

        Assert.Equal(5, first.Distinct().Count()); // new clients are spread, not all on one endpoint
    }

    [Fact]
    public void AFF_1_TheTimerRestartsOnEachConnection()
    {
        var clock = Clock();
        var set = Set(3, Affinity(60), new EndpointStateRegistry(timeProvider: clock));
        var pinned = Select(set, Client(1));

        for (var i = 0; i < 5; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(50)); // 250 s in all, never 60 s without a connection
            Assert.Equal(pinned, Select(set, Client(1)));
        }
    }

    [Fact]
    public void AFF_2_AffinityExpiresAfterTheTimeout()
    {
        var clock = Clock();
        var set = Set(3, Affinity(60), new EndpointStateRegistry(timeProvider: clock));
        var pinned = Select(set, Client(1));

        clock.Advance(TimeSpan.FromSeconds(61));
        var repicked = Select(set, Client(1));

        Assert.NotEqual(pinned, repicked);
        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(repicked, Select(set, Client(1))); // and the new choice sticks
    }

    [Fact]
    public void AFF_2_DefaultTimeoutIs10800Seconds()
    {
        var clock = Clock();
        var strategy = SelectionStrategy.ClientIPAffinity(fallback: SelectionStrategy.RoundRobin(4));
        var set = Set(3, strategy, new EndpointStateRegistry(timeProvider: clock));
        var pinned = Select(set, Client(7));

        clock.Advance(TimeSpan.FromSeconds(10800));
        Assert.Equal(pinned, Select(set, Client(7)));
        clock.Advance(TimeSpan.FromSeconds(10801));
        Assert.NotEqual(pinned, Select(set, Client(7)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(86401)]
    public void AFF_2_TimeoutOutOfRange(int seconds)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SelectionStrategy.ClientIPAffinity(TimeSpan.FromSeconds(seconds)));
    }

    [Fact]
    public void AFF_2_MaximumTimeoutIsAccepted()
    {
        Assert.Equal("ClientIP", SelectionStrategy.ClientIPAffinity(TimeSpan.FromSeconds(86400)).Name);
    }

    [Fact]
    public void AFF_2_RepicksOnceTheEndpointLeavesTheUsableSet()
    {
        var clock = Clock();
        var registry = new EndpointStateRegistry(timeProvider: clock);
        var endpoints = Endpoints(3);
        var set = EndpointSet.Create(endpoints, registry, Affinity());
        var pinned = set.Candidates[Select(set, Client(1))];

        // The endpoint stops being ready: the client moves, and stays on its new endpoint.
        var next = EndpointSet.Create(endpoints.Select(e => e.Key == pinned.Key ? e.WithConditions(false, true, false) : e), registry, Affinity());
        var moved = next.Candidates[Select(next, Client(1))];
        Assert.NotEqual(pinned.Key, moved.Key);
        Assert.Equal(moved, next.Candidates[Select(next, Client(1))]);
    }

    [Fact]
    public void AFF_2_AffinitySurvivesSwapsThatKeepTheEndpoint()
    {
        var clock = Clock();
        var registry = new EndpointStateRegistry(timeProvider: clock);
        var set = EndpointSet.Create(Endpoints(3), registry, Affinity());
        var pinned = Enumerable.Range(0, 30).Select(c => set.Candidates[Select(set, Client(c))].Key).ToArray();

        var grown = EndpointSet.Create(Endpoints(6), registry, Affinity());

        Assert.Equal(pinned, Enumerable.Range(0, 30).Select(c => grown.Candidates[Select(grown, Client(c))].Key));
    }

    [Fact]
    public void AFF_2_EjectedEndpointIsLeft()
    {
        var clock = Clock();
        var registry = new EndpointStateRegistry(OutlierDetectionOptions.Default with { MaxEjectionPercent = 100 }, clock);
        var set = Set(4, Affinity(), registry);
        var pinned = set.Candidates[Select(set, Client(1))];

        Fail(set, pinned.Key, 5);

        Assert.NotEqual(pinned, set.Candidates[Select(set, Client(1))]);
    }

    [Fact]
    public void AFF_3_PortsDoNotShareAffinity()
    {
        var clock = Clock();
        var portA = Set(3, Affinity(), new EndpointStateRegistry(timeProvider: clock));
        var portB = Set(3, Affinity(), new EndpointStateRegistry(timeProvider: clock));
        var pinnedOnA = Select(portA, Client(1));

        // Bring port B's round robin to just after the endpoint the client uses on port A.
        while (Select(portB) != pinnedOnA)
        {
        }

        Assert.NotEqual(pinnedOnA, Select(portB, Client(1)));
        Assert.Equal(pinnedOnA, Select(portA, Client(1)));
    }

    [Fact]
    public void SelectionWithoutClientAddressUsesTheFallback()
    {
        var set = Set(3, Affinity(), new EndpointStateRegistry(timeProvider: Clock()));
        var first = Select(set);

        Assert.Equal([(first + 1) % 3, (first + 2) % 3, first], new[] { Select(set), Select(set), Select(set) });
    }

    [Fact]
    public void IPv4AndIPv4MappedAddressesAreTheSameClient()
    {
        var set = Set(5, Affinity(), new EndpointStateRegistry(timeProvider: Clock()));
        var v4 = IPAddress.Parse("192.0.2.10");
        var pinned = Select(set, SelectionContext.None.WithClientAddress(v4));

        Assert.Equal(pinned, Select(set, SelectionContext.None.WithClientAddress(v4.MapToIPv6())));
        Assert.Equal(pinned, Select(set, SelectionContext.None.WithClientAddress([192, 0, 2, 10])));
        Assert.NotEqual(pinned, Select(set, SelectionContext.None.WithClientAddress(IPAddress.Parse("192.0.2.11"))));
    }

    [Fact]
    public void TheTableIsBoundedAndForgetsTheLeastRecentlySeen()
    {
        var clock = Clock();
        var registry = new EndpointStateRegistry(timeProvider: clock);
        var set = Set(7, SelectionStrategy.ClientIPAffinity(TimeSpan.FromHours(1), SelectionStrategy.RoundRobin(4), maxClients: 64), registry);

        for (var c = 0; c < 5000; c++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(1));
            Select(set, Client(c));
        }

        var map = registry.GetAffinityMap(64);
        Assert.Equal(64, map.Capacity);
        var remembered = Enumerable.Range(0, 5000).Count(c => map.Find(Client(c).ClientAddress) is not null);
        Assert.InRange(remembered, 1, 64);
        Assert.Null(map.Find(Client(0).ClientAddress)); // the first clients were evicted
    }

    [Fact]
    public void ExpiredEntriesAreReusedWithoutGrowing()
    {
        var clock = Clock();
        var registry = new EndpointStateRegistry(timeProvider: clock);
        var set = Set(3, SelectionStrategy.ClientIPAffinity(TimeSpan.FromSeconds(10), SelectionStrategy.RoundRobin(4), maxClients: 4096), registry);

        for (var wave = 0; wave < 20; wave++)
        {
            for (var c = 0; c < 32; c++)
            {
                Select(set, Client((wave * 32) + c));
            }

            clock.Advance(TimeSpan.FromSeconds(11));
        }

        Assert.InRange(registry.GetAffinityMap(4096).Capacity, 32, 256);
    }
}
