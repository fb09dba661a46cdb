using System.Collections.Frozen;
using System.Collections.Immutable;
using RoutingCore.State;

namespace RoutingCore.Proxying;

/// <summary>What <see cref="ProxyCompiler"/> hands to the <see cref="ProxyTable"/> constructor.</summary>
internal sealed record ProxyTableParts(
    ImmutableArray<ProxyFrontend> Frontends,
    ImmutableArray<ProxyServicePort> ServicePorts,
    ImmutableArray<ClusterWarning> Diagnostics,
    long ResourceVersion,
    string? NodeName,
    SourceRangeSet ClusterRanges,
    FrozenDictionary<UInt128, string> NodeOfAddress,
    FrozenDictionary<(string Namespace, string Name), ImmutableArray<ProxyServicePort>?> Services,
    FrozenSet<UInt128> ServiceAddresses,
    ImmutableArray<HealthCheckFrontend> HealthChecks)
{
    /// <summary>The parts of a table with nothing in it.</summary>
    public static ProxyTableParts Empty { get; } = new(
        [], [], [], 0, null, SourceRangeSet.AllowAll,
        FrozenDictionary<UInt128, string>.Empty,
        FrozenDictionary<(string, string), ImmutableArray<ProxyServicePort>?>.Empty,
        FrozenSet<UInt128>.Empty,
        []);
}
