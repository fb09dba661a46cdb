namespace RoutingCore.Sockets.Tests;

/// <summary>
/// The base of test classes that run on both TCP transports: each such class is abstract, with one sealed subclass
/// per transport (<c>…OnEpoll</c>, <c>…OnSockets</c>), so every test runs on each and names the transport it failed on.
/// </summary>
public abstract class TransportTests(TcpTransport transport)
{
    /// <summary>The transport under test.</summary>
    protected TcpTransport Transport { get; } = transport;

    /// <summary>A <see cref="ProxyCluster"/> whose Service frontends use <see cref="Transport"/>.</summary>
    internal ProxyCluster StartCluster(SocketProxyOptions? options = null, Proxying.ServiceProxyOptions? proxyOptions = null)
    {
        var cluster = ProxyCluster.Start((options ?? new SocketProxyOptions()) with { Transport = Transport }, proxyOptions);
        Assert.Equal(Transport == TcpTransport.Epoll, cluster.Proxy.Epoll is not null);
        return cluster;
    }
}
