namespace RoutingCore.Balancing;

/// <summary>
/// Round robin over the choosable candidates in their stable order, as IPVS <c>rr</c> (PX-8): one shared counter
/// advanced with <see cref="Interlocked.Increment(ref int)"/>. Subtle points: the counter is read as unsigned so the
/// wrap at 2^32 stays non-negative, and each set starts at a random position so that many proxies started together do
/// not all send their first requests to the same endpoint.
/// </summary>
internal sealed class RoundRobinStrategy(int? seed) : SelectionStrategy
{
    private readonly RandomSource _random = RandomSource.Create(seed);

    /// <inheritdoc />
    public override string Name => "RoundRobin";

    /// <inheritdoc />
    internal override EndpointPicker Compile(EndpointSet set) => new Picker(_random.Next(Math.Max(1, set.Candidates.Length)) - 1);

    private sealed class Picker(int start) : EndpointPicker
    {
        private int _counter = start;

        public override int Pick(in SelectionContext context, HealthView view)
        {
            var next = (uint)Interlocked.Increment(ref _counter);
            return view.PositionAt((int)(next % (uint)view.Count));
        }
    }
}
