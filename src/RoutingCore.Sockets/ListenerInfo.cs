using System.Net;
using RoutingCore.Proxying;

namespace RoutingCore.Sockets;

/// <summary>A listener the proxy has open.</summary>
/// <param name="EndPoint">The bound address and port.</param>
/// <param name="Protocol">The transport.</param>
/// <param name="Service">The Service port it serves (<c>shop/web:http/TCP</c>) or the passthrough listener's name.</param>
public sealed record ListenerInfo(IPEndPoint EndPoint, ProxyProtocol Protocol, string Service);
