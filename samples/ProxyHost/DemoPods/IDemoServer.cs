namespace RoutingCore.ProxyHost.DemoPods;

/// <summary>Something a demo container runs on the pod's IP: an HTTP server or a TCP forwarder.</summary>
internal interface IDemoServer : IAsyncDisposable
{
    /// <summary>Stops accepting and lets what is in flight finish within <paramref name="grace"/>.</summary>
    Task StopAsync(TimeSpan grace);
}
