using RoutingCore.Balancing;

namespace RoutingCore.Sockets;

/// <summary>What a relayed connection is drained by: its Service port (namespace, name, port, transport) and endpoint.</summary>
/// <param name="Namespace">The Service's namespace.</param>
/// <param name="Service">The Service's name.</param>
/// <param name="Port">The ServicePort number.</param>
/// <param name="Endpoint">The endpoint the connection goes to.</param>
internal sealed record DrainIdentity(string Namespace, string Service, int Port, EndpointKey Endpoint);
