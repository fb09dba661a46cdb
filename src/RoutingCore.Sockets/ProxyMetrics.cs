using System.Diagnostics;
using System.Diagnostics.Metrics;
using RoutingCore.Proxying;

namespace RoutingCore.Sockets;

/// <summary>
/// The proxy's instruments on the <c>RoutingCore</c> meter. Every measurement carries the Service
/// (<c>routingcore.service</c> = <c>namespace/name</c>), its port (<c>routingcore.service.port</c>, name or number)
/// and the transport (<c>network.transport</c> = <c>tcp</c> or <c>udp</c>); tag values are strings the proxy table
/// already holds, so recording allocates nothing.
/// </summary>
/// <remarks>
/// Instruments: <c>routingcore.l4.connections.active</c> (up-down), <c>routingcore.l4.connections</c> (established),
/// <c>routingcore.l4.bytes</c> with <c>routingcore.direction</c> = <c>upstream</c> (client to endpoint) or
/// <c>downstream</c>, <c>routingcore.l4.connect_failures</c> with <c>error.type</c>,
/// <c>routingcore.l4.refused</c> with <c>routingcore.outcome</c> and <c>routingcore.reason</c> (PX-7, PX-9), and
/// <c>routingcore.l4.udp.flows.active</c> (up-down).
/// </remarks>
internal sealed class ProxyMetrics : IDisposable
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "RoutingCore";

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly UpDownCounter<long> _active;
    private readonly Counter<long> _connections;
    private readonly Counter<long> _bytes;
    private readonly Counter<long> _connectFailures;
    private readonly Counter<long> _refused;
    private readonly UpDownCounter<long> _flows;

    public ProxyMetrics(IMeterFactory? factory)
    {
        _ownsMeter = factory is null;
        _meter = factory?.Create(MeterName) ?? new Meter(MeterName);
        _active = _meter.CreateUpDownCounter<long>("routingcore.l4.connections.active", "{connection}", "TCP connections being relayed.");
        _connections = _meter.CreateCounter<long>("routingcore.l4.connections", "{connection}", "TCP connections established to an endpoint.");
        _bytes = _meter.CreateCounter<long>("routingcore.l4.bytes", "By", "Bytes relayed, by direction.");
        _connectFailures = _meter.CreateCounter<long>("routingcore.l4.connect_failures", "{failure}", "Failed connection attempts to endpoints.");
        _refused = _meter.CreateCounter<long>("routingcore.l4.refused", "{connection}", "Connections and datagrams rejected, dropped or not proxied.");
        _flows = _meter.CreateUpDownCounter<long>("routingcore.l4.udp.flows.active", "{flow}", "UDP flows in the flow tables.");
    }

    /// <summary>The meter (tests listen to this instance only).</summary>
    public Meter Meter => _meter;

    public void ConnectionOpened(in ProxyTags tags)
    {
        _connections.Add(1, tags.Service, tags.Port, tags.Transport);
        _active.Add(1, tags.Service, tags.Port, tags.Transport);
    }

    public void ConnectionClosed(in ProxyTags tags) => _active.Add(-1, tags.Service, tags.Port, tags.Transport);

    public void Bytes(in ProxyTags tags, bool upstream, long count)
    {
        // PERF: skip building the tag list when nobody listens; this runs once per relayed chunk.
        if (_bytes.Enabled)
        {
            var list = new TagList { tags.Service, tags.Port, tags.Transport, upstream ? Upstream : Downstream };
            _bytes.Add(count, list);
        }
    }

    public void ConnectFailure(in ProxyTags tags, string errorType) =>
        _connectFailures.Add(1, tags.Service, tags.Port, tags.Transport, new KeyValuePair<string, object?>("error.type", errorType));

    public void Refused(in ProxyTags tags, ProxyDecision decision) =>
        Refused(in tags, OutcomeName(decision.Outcome), ReasonName(decision.Reason));

    public void Refused(in ProxyTags tags, string outcome, string reason)
    {
        if (_refused.Enabled)
        {
            var list = new TagList
            {
                tags.Service, tags.Port, tags.Transport,
                new("routingcore.outcome", outcome),
                new("routingcore.reason", reason),
            };
            _refused.Add(1, list);
        }
    }

    public void FlowOpened(in ProxyTags tags) => _flows.Add(1, tags.Service, tags.Port, tags.Transport);

    public void FlowClosed(in ProxyTags tags) => _flows.Add(-1, tags.Service, tags.Port, tags.Transport);

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    private static readonly KeyValuePair<string, object?> Upstream = new("routingcore.direction", "upstream");
    private static readonly KeyValuePair<string, object?> Downstream = new("routingcore.direction", "downstream");

    private static string OutcomeName(ProxyOutcome outcome) => outcome switch
    {
        ProxyOutcome.Rejected => "rejected",
        ProxyOutcome.Dropped => "dropped",
        ProxyOutcome.NotProxied => "not_proxied",
        _ => "selected",
    };

    private static string ReasonName(ProxyReason reason) => reason switch
    {
        ProxyReason.UnknownDestination => "unknown_destination",
        ProxyReason.ServiceNotProxied => "service_not_proxied",
        ProxyReason.UnknownPort => "unknown_port",
        ProxyReason.NoEndpoints => "no_endpoints",
        ProxyReason.NoLocalEndpoints => "no_local_endpoints",
        ProxyReason.SourceRangeDenied => "source_range_denied",
        _ => "none",
    };
}
