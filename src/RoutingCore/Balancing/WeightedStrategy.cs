namespace RoutingCore.Balancing;

/// <summary>
/// Smooth weighted round robin on <see cref="EndpointDescription.Weight"/>: the period is precomputed per set by
/// <see cref="WeightedSchedule"/>, so a pick is one atomic increment and one array read, lock-free, instead of nginx's
/// O(n) update under a lock. An ejected candidate's turn passes to the next usable entry of the schedule.
/// </summary>
internal sealed class WeightedStrategy(int? seed) : SelectionStrategy
{
    private readonly RandomSource _random = RandomSource.Create(seed);

    /// <inheritdoc />
    public override string Name => "Weighted";

    /// <inheritdoc />
    internal override EndpointPicker Compile(EndpointSet set)
    {
        var candidates = set.CandidateEndpoints;
        var weights = new int[candidates.Length];
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = candidates[i].Weight;
        }

        var schedule = WeightedSchedule.Build(weights);
        return new Picker(schedule, set.CandidateStates, _random.Next(Math.Max(1, schedule.Length)) - 1);
    }

    private sealed class Picker(int[] schedule, EndpointState[] states, int start) : EndpointPicker
    {
        private int _counter = start;

        public override int Pick(in SelectionContext context, HealthView view)
        {
            var index = (int)((uint)Interlocked.Increment(ref _counter) % (uint)schedule.Length);
            var position = schedule[index];
            return view.IsUsable(states[position]) ? position : NextUsable(index, view);
        }

        private int NextUsable(int index, HealthView view)
        {
            for (var step = 1; step < schedule.Length; step++)
            {
                var position = schedule[(index + step) % schedule.Length];
                if (view.IsUsable(states[position]))
                {
                    return position;
                }
            }

            return view.PositionAt(0); // every flag says ejected after the view was built: use what the view allows
        }
    }
}
