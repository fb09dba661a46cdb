namespace RoutingCore.Balancing;

/// <summary>
/// How an <see cref="EndpointSet"/> chooses among its candidates. A strategy is an immutable, shareable setting; each
/// set compiles it into a picker over its own candidates. Every strategy picks only among candidates passive health
/// allows, never allocates, never locks and reads time only from the registry's <see cref="TimeProvider"/>.
/// Strategies that draw random numbers take an optional seed: with one, a single-threaded caller gets the same picks on
/// every run; without one (the production default) each thread draws from its own stream.
/// </summary>
public abstract class SelectionStrategy
{
    /// <summary>The default bound on remembered clients of <see cref="ClientIPAffinity"/>.</summary>
    public const int DefaultMaxAffinityClients = 65536;

    private protected SelectionStrategy()
    {
    }

    /// <summary>The strategy's name (<c>Random</c>, <c>RoundRobin</c>, ...), for diagnostics and configuration.</summary>
    public abstract string Name { get; }

    /// <summary>Uniformly random: every candidate has probability 1/n, as kube-proxy's iptables and nftables modes (PX-8).</summary>
    /// <param name="seed">Seed for reproducible picks; null for per-thread randomness.</param>
    public static SelectionStrategy Random(int? seed = null) => new RandomStrategy(seed);

    /// <summary>Candidates in their stable order (address, then port), one after the other, as IPVS <c>rr</c> (PX-8).</summary>
    /// <param name="seed">Seeds the starting position; null for a random one.</param>
    public static SelectionStrategy RoundRobin(int? seed = null) => new RoundRobinStrategy(seed);

    /// <summary>The candidate with the fewest requests in flight (ties broken from a random start); O(n) per pick.</summary>
    /// <param name="seed">Seed for the tie-breaking start; null for per-thread randomness.</param>
    public static SelectionStrategy LeastRequests(int? seed = null) => new LeastRequestsStrategy(seed);

    /// <summary>Two distinct random candidates, the one with fewer requests in flight wins (YARP's default).</summary>
    /// <param name="seed">Seed for reproducible picks; null for per-thread randomness.</param>
    public static SelectionStrategy PowerOfTwoChoices(int? seed = null) => new PowerOfTwoChoicesStrategy(seed);

    /// <summary>
    /// Smooth weighted round robin on <see cref="EndpointDescription.Weight"/>: each candidate gets its share of every
    /// period of picks, spread evenly through it rather than in bursts.
    /// </summary>
    /// <param name="seed">Seeds the starting position in the schedule; null for a random one.</param>
    public static SelectionStrategy Weighted(int? seed = null) => new WeightedStrategy(seed);

    /// <summary>
    /// Service <c>sessionAffinity: ClientIP</c> (AFF-1..AFF-3): a client's first selection picks with
    /// <paramref name="fallback"/> and is remembered; its later selections within <paramref name="timeout"/> of the
    /// previous one return the same endpoint while it is still a usable candidate. Selections without a client address
    /// use the fallback. The table lives in the <see cref="EndpointStateRegistry"/>, so it survives endpoint changes.
    /// </summary>
    /// <param name="timeout"><c>timeoutSeconds</c>: 1 s to 86400 s; default 10800 s (AFF-2).</param>
    /// <param name="fallback">How new clients are placed; default <see cref="Random"/> (PX-8).</param>
    /// <param name="maxClients">The most clients remembered; the least recently seen are forgotten first.</param>
    /// <exception cref="ArgumentOutOfRangeException">The timeout or the bound is out of range.</exception>
    public static SelectionStrategy ClientIPAffinity(TimeSpan? timeout = null, SelectionStrategy? fallback = null, int maxClients = DefaultMaxAffinityClients) =>
        new ClientIPAffinityStrategy(timeout ?? TimeSpan.FromSeconds(10800), fallback ?? new RandomStrategy(null), maxClients);

    /// <summary>
    /// Consistent hashing (Maglev) on <see cref="SelectionContext.HashKey"/>, or on the client address when there is no
    /// key, or random when there is neither. Adding or removing one of n endpoints moves about 1/n of the keys, ejected
    /// endpoints move only their own keys, and proxies with the same endpoints agree on every key.
    /// </summary>
    /// <param name="seed">Seed for the picks of requests without a key; null for per-thread randomness.</param>
    public static SelectionStrategy ConsistentHash(int? seed = null) => new ConsistentHashStrategy(seed);

    /// <summary>The <see cref="Name"/>.</summary>
    public override string ToString() => Name;

    /// <summary>Compiles the strategy over the candidates of <paramref name="set"/>.</summary>
    internal abstract EndpointPicker Compile(EndpointSet set);
}
