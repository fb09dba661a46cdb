using Microsoft.Extensions.Logging;

namespace RoutingCore.AspNetCore.Diagnostics;

/// <summary>The proxy's log messages, source-generated (no formatting cost when the level is off).</summary>
internal static partial class ProxyLog
{
    [LoggerMessage(1, LogLevel.Warning, "Setting refused: {Error}")]
    public static partial void SettingRefused(ILogger logger, string error);

    [LoggerMessage(2, LogLevel.Warning, "TLS entry unusable, its hosts get the default certificate: {Binding}: {Error}")]
    public static partial void TlsBindingUnusable(ILogger logger, string binding, string error);

    [LoggerMessage(3, LogLevel.Information, "Proxy settings published for routing snapshot {ResourceVersion}: {Routes} routes, {Errors} setting errors")]
    public static partial void SnapshotPublished(ILogger logger, long resourceVersion, int routes, int errors);

    [LoggerMessage(4, LogLevel.Warning, "Connect to {Endpoint} for {Service} failed; retrying on another endpoint (attempt {Attempt})")]
    public static partial void Retrying(ILogger logger, string endpoint, string service, int attempt);

    [LoggerMessage(5, LogLevel.Warning, "Forwarding to {Endpoint} for {Service} failed: {Error}")]
    public static partial void ForwardFailed(ILogger logger, string endpoint, string service, string error, Exception? exception);

    [LoggerMessage(6, LogLevel.Warning, "Endpoint {Endpoint} of {Service} ejected by passive health")]
    public static partial void Ejected(ILogger logger, string endpoint, string service);

    [LoggerMessage(7, LogLevel.Debug, "Refused request target ({Status}): {Target}")]
    public static partial void BadTarget(ILogger logger, string status, string target);

    [LoggerMessage(8, LogLevel.Warning, "ConfigMap key {Key} changed; it applies to Kestrel at start-up only, restart to use the new value")]
    public static partial void RestartNeeded(ILogger logger, string key);
}
