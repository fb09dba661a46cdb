using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace RoutingCore.AspNetCore.Diagnostics;

/// <summary>
/// The proxy's instruments on the meter <c>RoutingCore</c>: requests in flight, requests by ingress, service and status
/// class, their duration, upstream connect failures, retries and passive-health ejections. Tag values are strings computed once per
/// routing snapshot, so recording allocates nothing.
/// </summary>
internal sealed class ProxyMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "RoutingCore";

    private static readonly string[] StatusClasses = ["1xx", "2xx", "3xx", "4xx", "5xx"];

    private readonly UpDownCounter<long> _active;
    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _connectFailures;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _ejections;

    public ProxyMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _active = meter.CreateUpDownCounter<long>("routingcore.proxy.active_requests", "{request}", "Requests the Ingress proxy is handling now (what a graceful shutdown waits for).");
        _requests = meter.CreateCounter<long>("routingcore.proxy.requests", "{request}", "Requests the Ingress proxy answered, by ingress, service and status class.");
        _duration = meter.CreateHistogram<double>("routingcore.proxy.request.duration", "s", "Time from routing a request to the end of its response.");
        _connectFailures = meter.CreateCounter<long>("routingcore.proxy.upstream.connect_failures", "{failure}", "Connections to an endpoint that were refused or timed out.");
        _retries = meter.CreateCounter<long>("routingcore.proxy.retries", "{retry}", "Requests sent again to another endpoint after a failed connect.");
        _ejections = meter.CreateCounter<long>("routingcore.proxy.ejections", "{ejection}", "Endpoints passive health ejected after consecutive failures.");
    }

    public void RequestStarted() => _active.Add(1);

    public void RequestEnded(string ingress, string service, int statusCode, double seconds)
    {
        _active.Add(-1);
        var statusClass = statusCode is >= 100 and < 600 ? StatusClasses[(statusCode / 100) - 1] : "other";
        var tags = new TagList { { "ingress", ingress }, { "service", service }, { "status_class", statusClass } };
        _requests.Add(1, tags);
        _duration.Record(seconds, tags);
    }

    public void ConnectFailure(string service) => _connectFailures.Add(1, new KeyValuePair<string, object?>("service", service));

    public void Retry(string service) => _retries.Add(1, new KeyValuePair<string, object?>("service", service));

    public void Ejection(string service) => _ejections.Add(1, new KeyValuePair<string, object?>("service", service));
}
