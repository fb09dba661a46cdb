namespace RoutingCore.ProxyHost.Serving;

/// <summary>What <c>serve</c> was asked to do.</summary>
internal sealed record ServeOptions
{
    public IReadOnlyList<string> Manifests { get; init; } = [];

    public int HttpPort { get; init; } = 8080;

    public int HttpsPort { get; init; } = 8443;

    public int AdminPort { get; init; } = 9901;

    public string NodeAddress { get; init; } = "127.0.0.1";

    public string PodCidr { get; init; } = "127.1.0.0/16";

    public string ServiceCidr { get; init; } = "127.2.0.0/16";

    public string LoadBalancerPool { get; init; } = "127.3.0.0/24";

    public bool WatchIngressWithoutClass { get; init; } = true;

    public string? IngressClass { get; init; }

    public string? ControllerConfigMap { get; init; }

    public TimeSpan ShutdownGrace { get; init; } = TimeSpan.FromSeconds(10);
}
