namespace RoutingCore.AspNetCore.Settings;

/// <summary>
/// The endpoint selection an Ingress asks for with the <c>load-balance</c> annotation or ConfigMap key. A Service with
/// <c>sessionAffinity: ClientIP</c> keeps its affinity whatever is chosen here (the choice places new clients), and an
/// affinity cookie takes precedence over it, as in ingress-nginx.
/// </summary>
public enum LoadBalanceAlgorithm
{
    /// <summary><c>round_robin</c>: the endpoints in their stable order (ING-B7, the default).</summary>
    RoundRobin,

    /// <summary><c>random</c>: uniformly random, as kube-proxy's iptables mode.</summary>
    Random,

    /// <summary><c>least_request</c>: the endpoint with the fewest requests in flight.</summary>
    LeastRequest,

    /// <summary>
    /// <c>ewma</c> (ingress-nginx's name) or <c>power_of_two_choices</c>: the less busy of two random endpoints.
    /// ingress-nginx weighs a latency average; RoutingCore weighs requests in flight.
    /// </summary>
    PowerOfTwoChoices,
}
