using RoutingCore.Balancing;
using RoutingCore.Proxying;

namespace RoutingCore.Tests.Proxying;

/// <summary>Choosing another endpoint after a refused connection.</summary>
public sealed class EndpointRetryTests
{
    private static readonly EndpointDescription[] Three =
        [new("127.1.0.1", 8080), new("127.1.0.2", 8080), new("127.1.0.3", 8080)];

    [Theory]
    [InlineData("Random")]
    [InlineData("RoundRobin")]
    [InlineData("ClientIP")]
    public void Retry_NeverReturnsAnEndpointAlreadyTried(string strategyName)
    {
        var strategy = strategyName switch
        {
            "Random" => SelectionStrategy.Random(3),
            "RoundRobin" => SelectionStrategy.RoundRobin(3),
            _ => SelectionStrategy.ClientIPAffinity(TimeSpan.FromMinutes(1), SelectionStrategy.Random(3)),
        };
        var set = EndpointSet.Create(Three, new EndpointStateRegistry(OutlierDetectionOptions.Disabled), strategy);
        var context = SelectionContext.None.WithClientAddress(System.Net.IPAddress.Parse("127.9.0.1"));
        var tried = new List<EndpointKey>();

        while (EndpointRetry.TrySelectExcept(set, in context, tried.ToArray(), out var lease))
        {
            Assert.DoesNotContain(lease.Endpoint.Key, tried);
            tried.Add(lease.Endpoint.Key);
            lease.Complete(EndpointOutcome.Failure);
        }

        Assert.Equal(3, tried.Distinct().Count());
        Assert.All(Three, e => Assert.True(set.Registry.TryGetHealth(e.Key, out var h) && h.InFlight == 0));
    }

    [Fact]
    public void Retry_OnAnEmptySetFails()
    {
        var set = EndpointSet.Create([], new EndpointStateRegistry(), SelectionStrategy.Random(1));

        Assert.False(EndpointRetry.TrySelectExcept(set, SelectionContext.None, [], out _));
    }
}
