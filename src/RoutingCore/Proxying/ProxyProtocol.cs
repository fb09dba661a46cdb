namespace RoutingCore.Proxying;

/// <summary>The transport of a proxied Service port. SCTP ports are valid Service ports but are not proxied.</summary>
public enum ProxyProtocol
{
    /// <summary>TCP: connections are accepted and relayed.</summary>
    Tcp = 0,

    /// <summary>UDP: datagrams are relayed per client flow.</summary>
    Udp = 1,
}
