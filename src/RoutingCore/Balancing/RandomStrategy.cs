namespace RoutingCore.Balancing;

/// <summary>
/// Uniform random choice among the choosable candidates, as kube-proxy's iptables and nftables modes (PX-8). The only
/// subtlety is the bounded integer: a multiply-shift of 32 random bits, not a modulo, so no division on the hot path.
/// </summary>
internal sealed class RandomStrategy(int? seed) : SelectionStrategy
{
    private readonly RandomSource _random = RandomSource.Create(seed);

    /// <inheritdoc />
    public override string Name => "Random";

    /// <inheritdoc />
    internal override EndpointPicker Compile(EndpointSet set) => new Picker(_random);

    private sealed class Picker(RandomSource random) : EndpointPicker
    {
        public override int Pick(in SelectionContext context, HealthView view) => view.PositionAt(random.Next(view.Count));
    }
}
