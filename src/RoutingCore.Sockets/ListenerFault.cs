using System.Net;
using System.Net.Sockets;
using RoutingCore.Proxying;

namespace RoutingCore.Sockets;

/// <summary>
/// A listener that could not be opened: which Service and address it was for, the socket error, and a message that
/// says what to do about it. Other listeners are not affected; the proxy tries again whenever the table changes.
/// </summary>
/// <param name="Service">The Service port (<c>shop/web:http/TCP</c>), or the passthrough listener's name.</param>
/// <param name="EndPoint">The address and port that could not be bound.</param>
/// <param name="Protocol">The transport.</param>
/// <param name="Error">The socket error (AccessDenied, AddressAlreadyInUse, AddressNotAvailable, ...).</param>
/// <param name="Message">A full sentence naming the Service, the address and the fix.</param>
public sealed record ListenerFault(string Service, IPEndPoint EndPoint, ProxyProtocol Protocol, SocketError Error, string Message)
{
    /// <summary>The <see cref="Message"/>.</summary>
    public override string ToString() => Message;
}
