using System.Globalization;
using RoutingCore.Proxying;

namespace RoutingCore.Sockets;

/// <summary>The tags every measurement of one Service port carries; built once per connection or flow.</summary>
internal readonly struct ProxyTags
{
    private static readonly KeyValuePair<string, object?> Tcp = new("network.transport", "tcp");
    private static readonly KeyValuePair<string, object?> Udp = new("network.transport", "udp");

    public ProxyTags(string service, string port, ProxyProtocol protocol)
    {
        Service = new("routingcore.service", service);
        Port = new("routingcore.service.port", port);
        Transport = protocol == ProxyProtocol.Tcp ? Tcp : Udp;
    }

    public KeyValuePair<string, object?> Service { get; }

    public KeyValuePair<string, object?> Port { get; }

    public KeyValuePair<string, object?> Transport { get; }

    public static ProxyTags For(ProxyServicePort port) => new(port.ServiceLabel, port.PortLabel, port.Protocol);

    /// <summary>
    /// The tags of a connection or datagram the table refused: its Service port's, or, when the frontend matched no
    /// Service port, an empty Service and the frontend's port number.
    /// </summary>
    public static ProxyTags ForRefused(ProxyDecision decision, int frontendPort, ProxyProtocol protocol) =>
        decision.ServicePort is { } known
            ? For(known)
            : new ProxyTags("", frontendPort.ToString(CultureInfo.InvariantCulture), protocol);
}
