using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using RoutingCore.AspNetCore.Diagnostics;
using RoutingCore.AspNetCore.Settings;
using RoutingCore.Balancing;
using RoutingCore.Routing;
using Yarp.ReverseProxy.Forwarder;

namespace RoutingCore.AspNetCore.Proxy;

/// <summary>
/// Sends a request to one endpoint of an upstream with YARP's <see cref="IHttpForwarder"/>, and on a failed connect
/// (refused, or over <c>proxy-connect-timeout</c>) sends it again to a different endpoint: at most
/// <see cref="Hosting.RoutingCoreProxyOptions.MaxRetries"/> times, while the request is younger than the upstream
/// timeout, before any response byte reached the client. A failed connect never sent the body, so any request may be
/// retried then; other transport failures are retried only for idempotent requests without a body. Every attempt
/// completes its lease with the outcome, which feeds passive health.
/// </summary>
internal sealed class UpstreamForwarder(IHttpForwarder forwarder, UpstreamInvoker invoker, ProxyMetrics metrics, ILogger<UpstreamForwarder> logger)
{
    private readonly ConditionalWeakTable<EndpointDescription, string[]> _prefixes = [];

    public async Task ForwardAsync(HttpContext context, UpstreamBackend upstream, ProxyExchange exchange, SelectionContext selection, int maxRetries, long started)
    {
        var backend = upstream.Backend;
        if (backend.Status == BackendStatus.ExternalName)
        {
            // ING-B5: the host application's resolver turns the name into addresses; no endpoint state to feed.
            var prefix = upstream.Scheme + "://" + backend.ExternalName + ":" + backend.Port!.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await forwarder.SendAsync(context, prefix, invoker.Invoker, upstream.Config, exchange).ConfigureAwait(false);
            return;
        }

        var set = upstream.Endpoints!;
        EndpointKey? first = null, second = null;
        for (var attempt = 0; ; attempt++)
        {
            if (!TrySelectUntried(set, selection, first, second, out var lease))
            {
                return; // only after a failed attempt: the caller checked the set has candidates, YARP's 502 stands
            }

            var endpoint = lease.Endpoint;
            ForwarderError error;
            try
            {
                error = await forwarder.SendAsync(context, Prefix(endpoint, upstream.Scheme), invoker.Invoker, upstream.Config, exchange).ConfigureAwait(false);
            }
            catch
            {
                lease.Complete(EndpointOutcome.Neutral);
                throw;
            }

            var failure = error == ForwarderError.None ? null : context.Features.Get<IForwarderErrorFeature>()?.Exception;
            var connectFailed = error == ForwarderError.Request && failure is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError };
            Complete(ref lease, OutcomeOf(error), set.Registry, upstream.Tag);
            if (error == ForwarderError.None)
            {
                return;
            }

            if (connectFailed)
            {
                metrics.ConnectFailure(upstream.Tag);
            }

            var retryable = connectFailed || (error == ForwarderError.Request && failure is HttpRequestException && IsReplayable(context.Request));
            if (!retryable || attempt >= maxRetries || context.RequestAborted.IsCancellationRequested || context.Response.HasStarted
                || Stopwatch.GetElapsedTime(started) >= upstream.RetryBudget)
            {
                ProxyLog.ForwardFailed(logger, endpoint.Key.ToString(), upstream.Tag, error.ToString(), failure);
                return;
            }

            if (attempt == 0)
            {
                first = endpoint.Key;
            }
            else
            {
                second = endpoint.Key;
            }

            // YARP answered 502 on the untouched response; clear it so that the next SendAsync may forward.
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Features.Set<IForwarderErrorFeature>(null);
            metrics.Retry(upstream.Tag);
            ProxyLog.Retrying(logger, endpoint.Key.ToString(), upstream.Tag, attempt + 1);
        }
    }

    /// <summary>A pick that is neither of the endpoints already tried; several tries, since a strategy may repeat itself.</summary>
    private static bool TrySelectUntried(EndpointSet set, in SelectionContext selection, EndpointKey? first, EndpointKey? second, out EndpointLease lease)
    {
        for (var i = 0; i <= set.Candidates.Length; i++)
        {
            if (!set.TrySelect(in selection, out lease))
            {
                return false;
            }

            var key = lease.Endpoint.Key;
            if (key != first && key != second)
            {
                return true;
            }

            lease.Complete(EndpointOutcome.Neutral);
        }

        lease = default;
        return false;
    }

    /// <summary>Completes the lease; a failure that ejects the endpoint is counted and logged.</summary>
    private void Complete(ref EndpointLease lease, EndpointOutcome outcome, EndpointStateRegistry registry, string service)
    {
        var key = lease.Endpoint.Key;
        if (outcome != EndpointOutcome.Failure || !registry.TryGetHealth(key, out var before))
        {
            lease.Complete(outcome);
            return;
        }

        lease.Complete(outcome);
        if (registry.TryGetHealth(key, out var after) && after.Ejections > before.Ejections)
        {
            metrics.Ejection(service);
            ProxyLog.Ejected(logger, key.ToString(), service);
        }
    }

    /// <summary>Transport failures count against the endpoint; the client's own failures and cancellations do not.</summary>
    private static EndpointOutcome OutcomeOf(ForwarderError error) => error switch
    {
        ForwarderError.None => EndpointOutcome.Success,
        ForwarderError.Request or ForwarderError.RequestTimedOut or ForwarderError.ResponseHeaders
            or ForwarderError.RequestBodyDestination or ForwarderError.ResponseBodyDestination
            or ForwarderError.UpgradeRequestDestination or ForwarderError.UpgradeResponseDestination => EndpointOutcome.Failure,
        _ => EndpointOutcome.Neutral,
    };

    /// <summary>An idempotent request with no body can be sent again whatever happened to the first copy.</summary>
    private static bool IsReplayable(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)
            || HttpMethods.IsDelete(request.Method) || HttpMethods.IsPut(request.Method) || HttpMethods.IsTrace(request.Method))
        && request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false }
        && request.Headers.Upgrade.Count == 0;

    /// <summary>PERF: the destination prefix of an endpoint is built once per endpoint description and scheme.</summary>
    private string Prefix(EndpointDescription endpoint, string scheme)
    {
        var prefixes = _prefixes.GetValue(endpoint, static e => ["http://" + e.Key, "https://" + e.Key]);
        return scheme == "https" ? prefixes[1] : prefixes[0];
    }
}
