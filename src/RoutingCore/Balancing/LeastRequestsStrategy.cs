namespace RoutingCore.Balancing;

/// <summary>
/// The choosable candidate with the fewest requests in flight. A full scan, O(n) per pick, started at a random candidate
/// and wrapping around, so ties go to a random endpoint rather than always the first in order; an idle candidate ends
/// the scan early, since nothing can beat zero.
/// </summary>
internal sealed class LeastRequestsStrategy(int? seed) : SelectionStrategy
{
    private readonly RandomSource _random = RandomSource.Create(seed);

    /// <inheritdoc />
    public override string Name => "LeastRequests";

    /// <inheritdoc />
    internal override EndpointPicker Compile(EndpointSet set) => new Picker(set.CandidateStates, _random);

    private sealed class Picker(EndpointState[] states, RandomSource random) : EndpointPicker
    {
        public override int Pick(in SelectionContext context, HealthView view)
        {
            var count = view.Count;
            var index = count == 1 ? 0 : random.Next(count);
            var best = view.PositionAt(index);
            var bestLoad = Volatile.Read(ref states[best].InFlight);
            for (var step = 1; step < count && bestLoad > 0; step++)
            {
                if (++index == count)
                {
                    index = 0;
                }

                var position = view.PositionAt(index);
                var load = Volatile.Read(ref states[position].InFlight);
                if (load < bestLoad)
                {
                    best = position;
                    bestLoad = load;
                }
            }

            return best;
        }
    }
}
