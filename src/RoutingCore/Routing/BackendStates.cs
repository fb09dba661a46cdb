using RoutingCore.Balancing;
using RoutingCore.Model;

namespace RoutingCore.Routing;

/// <summary>
/// The long-lived part of every Service backend, kept across snapshot rebuilds: the per-endpoint state registry
/// (in-flight counts, passive health) and the selection strategy (round-robin position, ClientIP affinity table).
/// A rebuild asks for the state of each backend it compiles; state no rebuild asked for is dropped afterwards.
/// </summary>
internal sealed class BackendStates(TimeProvider timeProvider)
{
    private Dictionary<(string Namespace, string Service, string Port), Entry> _entries = [];
    private Dictionary<(string Namespace, string Service, string Port), Entry> _next = [];

    /// <summary>The registry and strategy of one ServicePort; the strategy is replaced when the Service's affinity changes.</summary>
    public (EndpointStateRegistry Registry, SelectionStrategy Strategy) For(Service service, ServicePort port)
    {
        var key = (service.Metadata.Namespace, service.Metadata.Name, port.Name + "/" + port.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var strategyKey = StrategyKey(service);
        if (!_next.TryGetValue(key, out var entry))
        {
            if (!_entries.TryGetValue(key, out entry) || entry.StrategyKey != strategyKey)
            {
                entry = new Entry(
                    entry?.Registry ?? new EndpointStateRegistry(timeProvider: timeProvider),
                    CreateStrategy(service),
                    strategyKey);
            }

            _next[key] = entry;
        }

        return (entry.Registry, entry.Strategy);
    }

    /// <summary>Ends a rebuild: keeps the state asked for since the last call, forgets the rest.</summary>
    public void Commit()
    {
        _entries = _next;
        _next = [];
    }

    /// <summary>ING-B7: round-robin, with ClientIP affinity when the Service asks for it (AFF-1..3).</summary>
    private static SelectionStrategy CreateStrategy(Service service) =>
        service.Spec.SessionAffinity == ServicePolicies.ClientIP
            ? SelectionStrategy.ClientIPAffinity(TimeSpan.FromSeconds(AffinityTimeout(service)), SelectionStrategy.RoundRobin())
            : SelectionStrategy.RoundRobin();

    private static string StrategyKey(Service service) =>
        service.Spec.SessionAffinity == ServicePolicies.ClientIP ? $"ClientIP/{AffinityTimeout(service)}" : "RoundRobin";

    private static int AffinityTimeout(Service service) =>
        service.Spec.SessionAffinityConfig?.ClientIP?.TimeoutSeconds ?? ServicePolicies.DefaultClientIPTimeoutSeconds;

    private sealed record Entry(EndpointStateRegistry Registry, SelectionStrategy Strategy, string StrategyKey);
}
