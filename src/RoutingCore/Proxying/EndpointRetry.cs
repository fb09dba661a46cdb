using RoutingCore.Balancing;

namespace RoutingCore.Proxying;

/// <summary>
/// Choosing again after an endpoint refused a connection: an L4 proxy that retries must not retry the endpoint that
/// just failed, yet must keep the set's strategy, in-flight counts and passive health.
/// </summary>
/// <remarks>
/// Algorithm: ask the set's own strategy twice (random and round-robin strategies usually move on by themselves); if
/// both picks are endpoints already tried (ClientIP affinity keeps answering the same one), walk the candidates from a
/// random start and take the first untried one, preferring endpoints passive health has not ejected. The subtle point
/// is that the walk takes a lease exactly as the strategy would (one more in flight), so completions balance whichever
/// way the endpoint was found.
/// </remarks>
public static class EndpointRetry
{
    /// <summary>Selects an endpoint of <paramref name="set"/> whose key is not in <paramref name="tried"/>.</summary>
    /// <param name="set">The set the first choice came from (<see cref="ProxyDecision.Endpoints"/>).</param>
    /// <param name="context">The same context as the first choice.</param>
    /// <param name="tried">The endpoints that already failed for this connection.</param>
    /// <param name="lease">The new lease; complete it exactly once.</param>
    /// <returns>False when every candidate has been tried (or there are none).</returns>
    public static bool TrySelectExcept(EndpointSet set, in SelectionContext context, ReadOnlySpan<EndpointKey> tried, out EndpointLease lease)
    {
        ArgumentNullException.ThrowIfNull(set);
        for (var attempt = 0; attempt < 2; attempt++)
        {
            if (!set.TrySelect(in context, out lease))
            {
                return false;
            }

            if (!Contains(tried, lease.Endpoint.Key))
            {
                return true;
            }

            lease.Complete(EndpointOutcome.Neutral);
        }

        var candidates = set.CandidateEndpoints;
        var states = set.CandidateStates;
        var count = candidates.Length;
        var start = count == 0 ? 0 : Random.Shared.Next(count);
        for (var pass = 0; pass < 2; pass++)
        {
            for (var i = 0; i < count; i++)
            {
                var position = (start + i) % count;
                if ((pass == 1 || !states[position].IsEjected) && !Contains(tried, candidates[position].Key))
                {
                    Interlocked.Increment(ref states[position].InFlight);
                    lease = new EndpointLease(candidates[position], states[position]);
                    return true;
                }
            }
        }

        lease = default;
        return false;
    }

    private static bool Contains(ReadOnlySpan<EndpointKey> tried, EndpointKey key)
    {
        foreach (var t in tried)
        {
            if (t == key)
            {
                return true;
            }
        }

        return false;
    }
}
