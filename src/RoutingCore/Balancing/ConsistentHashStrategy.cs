namespace RoutingCore.Balancing;

/// <summary>
/// Consistent hashing on a key through a <see cref="MaglevTable"/>. The key is the caller's hash key (a header or cookie
/// value), else the client address, else a random number (a request with no key is not pinned anywhere). The subtle
/// point is ejection: the table is built over all candidates and never rebuilt for health, so when a key's endpoint is
/// ejected the key is re-hashed (then, as a last resort, scanned) to another usable endpoint; keys of healthy endpoints
/// never move, and the ejected endpoint's keys come back when it does.
/// </summary>
internal sealed class ConsistentHashStrategy(int? seed) : SelectionStrategy
{
    private const int Rehashes = 32;

    private readonly RandomSource _random = RandomSource.Create(seed);

    /// <inheritdoc />
    public override string Name => "ConsistentHash";

    /// <inheritdoc />
    internal override EndpointPicker Compile(EndpointSet set) =>
        new Picker(MaglevTable.Build(set.CandidateEndpoints), set.CandidateStates, _random);

    private sealed class Picker(int[] table, EndpointState[] states, RandomSource random) : EndpointPicker
    {
        public override int Pick(in SelectionContext context, HealthView view)
        {
            // Mixed again because WithHash accepts any caller hash, and the slot comes from the high bits.
            var hash = StableHash.Mix(
                context.HasHashKey ? context.HashKey
                : context.HasClientAddress ? StableHash.Of(context.ClientAddress)
                : random.Next());
            var position = table[StableHash.Reduce(hash, table.Length)];
            return view.IsUsable(states[position]) ? position : Rehash(hash, view);
        }

        private int Rehash(ulong hash, HealthView view)
        {
            for (var attempt = 0; attempt < Rehashes; attempt++)
            {
                hash = StableHash.Mix(hash + StableHash.Golden);
                var position = table[StableHash.Reduce(hash, table.Length)];
                if (view.IsUsable(states[position]))
                {
                    return position;
                }
            }

            var start = StableHash.Reduce(hash, states.Length);
            for (var step = 0; step < states.Length; step++)
            {
                var position = (start + step) % states.Length;
                if (view.IsUsable(states[position]))
                {
                    return position;
                }
            }

            return view.PositionAt(0);
        }
    }
}
