using RoutingCore.Balancing;
using RoutingCore.Model;
using static RoutingCore.Tests.Balancing.BalancingFixtures;

namespace RoutingCore.Tests.Balancing;

/// <summary>Endpoint descriptions, candidate categories (PX-3..PX-5), de-duplication (EPS-3) and state across swaps.</summary>
public sealed class EndpointSetTests
{
    [Fact]
    public void EPS_2_NullConditionsReadAsReadyServingNotTerminating()
    {
        var endpoint = new EndpointDescription("10.0.0.1", 80).WithConditions(null, null, null);

        Assert.True(endpoint.Ready);
        Assert.True(endpoint.Serving);
        Assert.False(endpoint.Terminating);
        Assert.Equal(EndpointCategory.Ready, endpoint.Category);
    }

    [Theory]
    [InlineData(true, true, false, EndpointCategory.Ready)]
    [InlineData(true, false, true, EndpointCategory.Ready)]
    [InlineData(false, true, true, EndpointCategory.ServingTerminating)]
    [InlineData(false, true, false, EndpointCategory.Unusable)]
    [InlineData(false, false, true, EndpointCategory.Unusable)]
    [InlineData(false, false, false, EndpointCategory.Unusable)]
    public void PX_3_Categories(bool ready, bool serving, bool terminating, EndpointCategory expected)
    {
        Assert.Equal(expected, new EndpointDescription("10.0.0.1", 80).WithConditions(ready, serving, terminating).Category);
    }

    [Theory]
    [InlineData("fd00:0:0::1", 8080, "fd00::1", "[fd00::1]:8080", true)]
    [InlineData("10.1.2.3", 80, "10.1.2.3", "10.1.2.3:80", true)]
    [InlineData("db.example.com", 5432, "db.example.com", "db.example.com:5432", false)]
    [InlineData("1", 80, "1", "1:80", false)] // not a strict IPv4 address, so a name
    public void AddressesAreCanonicalIdentities(string address, int port, string canonical, string text, bool isIP)
    {
        var endpoint = new EndpointDescription(address, port);

        Assert.Equal(canonical, endpoint.Address);
        Assert.Equal(new EndpointKey(canonical, port), endpoint.Key);
        Assert.Equal(text, endpoint.ToString());
        Assert.Equal(isIP, endpoint.IPAddress is not null);
    }

    [Fact]
    public void InvalidPortsAndWeightsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new EndpointDescription("10.0.0.1", 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EndpointDescription("10.0.0.1", 65536));
        Assert.Throws<ArgumentException>(() => new EndpointDescription("", 80));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EndpointDescription("10.0.0.1", 80) with { Weight = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new EndpointDescription("10.0.0.1", 80) with { Weight = EndpointDescription.MaxWeight + 1 });
    }

    [Fact]
    public void PX_4_ReadyEndpointsAreTheOnlyCandidates()
    {
        var endpoints = Endpoints(4).Select((e, i) => i < 2 ? e : e.WithConditions(false, true, true));
        var set = EndpointSet.Create(endpoints, new EndpointStateRegistry(), SelectionStrategy.Random(1));

        Assert.Equal(EndpointCategory.Ready, set.CandidateCategory);
        Assert.Equal([Address(0), Address(1)], set.Candidates.Select(e => e.Address));
        Assert.Equal(4, set.Endpoints.Length);
    }

    [Fact]
    public void PX_4_FallsBackToServingTerminatingWhenNoneIsReady()
    {
        var endpoints = new[]
        {
            new EndpointDescription("10.0.0.1", 80).WithConditions(false, true, true),
            new EndpointDescription("10.0.0.2", 80).WithConditions(false, false, true),
            new EndpointDescription("10.0.0.3", 80).WithConditions(false, true, false),
        };
        var set = EndpointSet.Create(endpoints, new EndpointStateRegistry(), SelectionStrategy.Random(1));

        Assert.Equal(EndpointCategory.ServingTerminating, set.CandidateCategory);
        Assert.Equal(["10.0.0.1"], set.Candidates.Select(e => e.Address));
        Assert.Equal(0, Select(set));
    }

    [Fact]
    public void PX_3_UnusableEndpointsAreNeverChosenEvenAlone()
    {
        var endpoints = new[] { new EndpointDescription("10.0.0.1", 80).WithConditions(false, true, false) };
        var set = EndpointSet.Create(endpoints, new EndpointStateRegistry(), SelectionStrategy.RoundRobin(1));

        Assert.Equal(EndpointCategory.Unusable, set.CandidateCategory);
        Assert.False(set.TrySelect(SelectionContext.None, out var lease));
        Assert.False(lease.IsActive);
        Assert.Throws<InvalidOperationException>(() => lease.Endpoint);
        lease.Complete(EndpointOutcome.Failure); // a no-op on the default lease
    }

    [Fact]
    public void EPS_3_DuplicateAddressAndPortCollapseKeepingTheBestCategory()
    {
        var endpoints = new[]
        {
            new EndpointDescription("10.0.0.1", 80).WithConditions(false, true, true),
            new EndpointDescription("10.0.0.1", 80),
            new EndpointDescription("10.0.0.1", 81),
            new EndpointDescription("10.0.0.2", 80),
            new EndpointDescription("10.0.0.2", 80).WithConditions(false, false, false),
        };
        var set = EndpointSet.Create(endpoints, new EndpointStateRegistry(), SelectionStrategy.Random(1));

        Assert.Equal(["10.0.0.1:80", "10.0.0.1:81", "10.0.0.2:80"], set.Candidates.Select(e => e.ToString()));
    }

    [Fact]
    public void PX_8_StableOrderIsNumericAndFamilyFirst()
    {
        var endpoints = new[] { "db.local", "fd00::2", "10.0.0.10", "fd00::10", "10.0.0.9", "9.255.255.255" }
            .Select(a => new EndpointDescription(a, 80));
        var set = EndpointSet.Create(endpoints, new EndpointStateRegistry(), SelectionStrategy.Random(1));

        Assert.Equal(["9.255.255.255", "10.0.0.9", "10.0.0.10", "fd00::2", "fd00::10", "db.local"], set.Candidates.Select(e => e.Address));
    }

    [Fact]
    public void PX_5_LocalPolicyUsesTheNodesReadyThenServingTerminatingEndpoints()
    {
        var endpoints = new[]
        {
            new EndpointDescription("10.0.0.1", 80) with { NodeName = "a" },
            new EndpointDescription("10.0.0.2", 80).WithConditions(false, true, true) with { NodeName = "a" },
            new EndpointDescription("10.0.0.3", 80).WithConditions(false, true, true) with { NodeName = "b" },
            new EndpointDescription("10.0.0.4", 80) with { NodeName = "c" },
        };
        var set = EndpointSet.Create(endpoints, new EndpointStateRegistry(), SelectionStrategy.Random(1));

        Assert.Equal(["10.0.0.1"], set.ForNode("a").Candidates.Select(e => e.Address));
        Assert.Equal(["10.0.0.3"], set.ForNode("b").Candidates.Select(e => e.Address));
        Assert.Equal(EndpointCategory.ServingTerminating, set.ForNode("b").CandidateCategory);
    }

    [Fact]
    public void PX_5_NoLocalEndpointsMeansDroppedEvenIfOtherNodesHaveSome()
    {
        var set = EndpointSet.Create(Endpoints(3).Select(e => e with { NodeName = "a" }), new EndpointStateRegistry(), SelectionStrategy.Random(1));

        Assert.False(set.ForNode("b").TrySelect(SelectionContext.None, out _));
        Assert.False(set.ForNode(null).TrySelect(SelectionContext.None, out _)); // [RC] unknown node
    }

    [Fact]
    public void PX_5_LocalSetSharesLiveState()
    {
        var registry = new EndpointStateRegistry();
        var set = EndpointSet.Create(Endpoints(3).Select(e => e with { NodeName = "a" }), registry, SelectionStrategy.Random(1));

        Assert.True(set.ForNode("a").TrySelect(SelectionContext.None, out var lease));
        Assert.True(registry.TryGetHealth(lease.Endpoint.Key, out var health));
        Assert.Equal(1, health.InFlight);
        lease.Complete(EndpointOutcome.Success);
    }

    [Fact]
    public void PX_2_MappingEndpointSlicesAsDocumented()
    {
        // Two slices of one Service, the way the EndpointDescription example maps them for ServicePort "http"/TCP.
        var servicePort = new ServicePort { Name = "http", Protocol = "TCP", Port = 80 };
        var slices = new[]
        {
            new EndpointSlice
            {
                AddressType = AddressTypes.IPv4,
                Ports = [new EndpointPort("http", "TCP", 8080), new EndpointPort("metrics", "TCP", 9090)],
                Endpoints =
                [
                    new Endpoint { Addresses = ["10.1.0.5"], NodeName = "n1", Conditions = new EndpointConditions(Ready: true) },
                    new Endpoint { Addresses = ["10.1.0.6"], NodeName = "n2", Conditions = new EndpointConditions(false, true, true) },
                ],
            },
            new EndpointSlice
            {
                AddressType = AddressTypes.IPv4,
                Ports = [new EndpointPort("http", "TCP", 8080)],
                Endpoints = [new Endpoint { Addresses = ["10.1.0.5"] }, new Endpoint { Addresses = ["10.1.0.7"], Zone = "z1" }],
            },
        };

        var targets = new List<EndpointDescription>();
        foreach (var slice in slices)
        {
            foreach (var port in slice.Ports)
            {
                if (port.Name != servicePort.Name || port.Protocol != servicePort.Protocol || port.Port is not int number)
                {
                    continue;
                }

                foreach (var e in slice.Endpoints)
                {
                    targets.Add(new EndpointDescription(e.Addresses[0], number)
                        .WithConditions(e.Conditions.Ready, e.Conditions.Serving, e.Conditions.Terminating)
                        with { NodeName = e.NodeName, Zone = e.Zone });
                }
            }
        }

        var set = EndpointSet.Create(targets, new EndpointStateRegistry(), SelectionStrategy.Random(1));

        Assert.Equal(["10.1.0.5:8080", "10.1.0.6:8080", "10.1.0.7:8080"], set.Endpoints.Select(e => e.ToString()));
        Assert.Equal(["10.1.0.5:8080", "10.1.0.7:8080"], set.Candidates.Select(e => e.ToString()));
        Assert.Equal("n1", set.Candidates[0].NodeName); // the first listing wins a tie of categories
        Assert.Equal("z1", set.Candidates[1].Zone);
    }

    [Fact]
    public void LiveStateSurvivesSnapshotSwapsForPersistingEndpoints()
    {
        var registry = new EndpointStateRegistry();
        var first = EndpointSet.Create(Endpoints(3), registry, SelectionStrategy.RoundRobin(1));
        var held = LeaseOf(first, Endpoints(3)[1].Key);
        Fail(first, Endpoints(3)[2].Key, 2);

        // The next snapshot drops endpoint 0 and adds endpoint 3.
        var second = EndpointSet.Create(Endpoints(4).Skip(1), registry, SelectionStrategy.PowerOfTwoChoices(1));

        Assert.True(registry.TryGetHealth(Endpoints(3)[1].Key, out var kept));
        Assert.Equal(1, kept.InFlight);
        Assert.True(registry.TryGetHealth(Endpoints(3)[2].Key, out var failing));
        Assert.Equal(2, failing.ConsecutiveFailures);
        Assert.False(registry.TryGetHealth(Endpoints(3)[0].Key, out _));
        Assert.Equal(3, registry.Count);

        // PowerOfTwoChoices in the new set sees the in-flight request taken from the old one.
        Assert.Equal(0, CountPicks(second, 200)[0]);

        held.Complete(EndpointOutcome.Success);
        Assert.True(registry.TryGetHealth(Endpoints(3)[1].Key, out kept));
        Assert.Equal(0, kept.InFlight);
    }

    [Fact]
    public void LeaseCompletesOnceFromItsVariable()
    {
        var registry = new EndpointStateRegistry();
        var set = Set(2, SelectionStrategy.Random(1), registry);
        Assert.True(set.TrySelect(SelectionContext.None, out var lease));
        var key = lease.Endpoint.Key;

        lease.Complete(EndpointOutcome.Success);
        lease.Complete(EndpointOutcome.Success);

        Assert.False(lease.IsActive);
        Assert.True(registry.TryGetHealth(key, out var health));
        Assert.Equal(0, health.InFlight);
    }

    [Fact]
    public void EmptySetSelectsNothing()
    {
        var set = EndpointSet.Create([], new EndpointStateRegistry(), SelectionStrategy.ConsistentHash(1));

        Assert.Equal(EndpointCategory.Unusable, set.CandidateCategory);
        Assert.True(set.Candidates.IsEmpty);
        Assert.False(set.TrySelect(SelectionContext.None.WithHashKey("k"u8), out _));
    }

    [Fact]
    public void StrategiesHaveNames()
    {
        Assert.Equal(
            ["Random", "RoundRobin", "LeastRequests", "PowerOfTwoChoices", "Weighted", "ClientIP", "ConsistentHash"],
            new[]
            {
                SelectionStrategy.Random(), SelectionStrategy.RoundRobin(), SelectionStrategy.LeastRequests(),
                SelectionStrategy.PowerOfTwoChoices(), SelectionStrategy.Weighted(), SelectionStrategy.ClientIPAffinity(),
                SelectionStrategy.ConsistentHash(),
            }.Select(s => s.ToString()));
    }
}
