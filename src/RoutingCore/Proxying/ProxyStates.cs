using System.Globalization;
using RoutingCore.Balancing;
using RoutingCore.Model;

namespace RoutingCore.Proxying;

/// <summary>
/// The long-lived part of every proxied ServicePort, kept across table rebuilds: the endpoint state registry (in-flight
/// counts, passive health, the ClientIP affinity table) and the selection strategy (round-robin position). A rebuild
/// asks for the state of each ServicePort it compiles; state no rebuild asked for is dropped at <see cref="Commit"/>.
/// The strategy is replaced, and the registry kept, when the Service's affinity settings change.
/// </summary>
internal sealed class ProxyStates(ServiceProxyOptions options, TimeProvider timeProvider)
{
    private Dictionary<(string Namespace, string Service, ProxyProtocol Protocol, int Port), Entry> _entries = [];
    private Dictionary<(string Namespace, string Service, ProxyProtocol Protocol, int Port), Entry> _next = [];

    /// <summary>The registry and strategy of one ServicePort.</summary>
    public (EndpointStateRegistry Registry, SelectionStrategy Strategy) For(Service service, ServicePort port, ProxyProtocol protocol)
    {
        var key = (service.Metadata.Namespace, service.Metadata.Name, protocol, port.Port);
        var strategyKey = StrategyKey(service);
        if (!_next.TryGetValue(key, out var entry))
        {
            if (!_entries.TryGetValue(key, out entry) || entry.StrategyKey != strategyKey)
            {
                entry = new Entry(
                    entry?.Registry ?? new EndpointStateRegistry(options.OutlierDetection, timeProvider),
                    CreateStrategy(service, port, protocol),
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

    /// <summary>PX-8 (Random by default, RoundRobin by option), wrapped in ClientIP affinity when the Service asks (AFF-1..3).</summary>
    private SelectionStrategy CreateStrategy(Service service, ServicePort port, ProxyProtocol protocol)
    {
        // Each ServicePort draws its own sequence from the seed; one shared sequence would make AFF-3's independent
        // ports pick in lockstep.
        var seed = options.RandomSeed is { } value
            ? value ^ (int)StableHash.Of($"{service.Metadata.Namespace}/{service.Metadata.Name}:{port.Port}/{protocol}".AsSpan())
            : (int?)null;
        var placement = options.Selection == ProxySelectionMode.RoundRobin
            ? SelectionStrategy.RoundRobin(seed)
            : SelectionStrategy.Random(seed);
        return service.Spec.SessionAffinity == ServicePolicies.ClientIP
            ? SelectionStrategy.ClientIPAffinity(TimeSpan.FromSeconds(AffinityTimeout(service)), placement)
            : placement;
    }

    private static string StrategyKey(Service service) =>
        service.Spec.SessionAffinity == ServicePolicies.ClientIP
            ? "ClientIP/" + AffinityTimeout(service).ToString(CultureInfo.InvariantCulture)
            : "None";

    private static int AffinityTimeout(Service service) =>
        service.Spec.SessionAffinityConfig?.ClientIP?.TimeoutSeconds ?? ServicePolicies.DefaultClientIPTimeoutSeconds;

    private sealed record Entry(EndpointStateRegistry Registry, SelectionStrategy Strategy, string StrategyKey);
}
