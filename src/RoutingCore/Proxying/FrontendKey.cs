namespace RoutingCore.Proxying;

/// <summary>The identity of a frontend: address (an <see cref="AddressKey"/>), port and transport. Equal keys bind the same socket.</summary>
/// <param name="Address">The address key.</param>
/// <param name="Port">The port.</param>
/// <param name="Protocol">The transport.</param>
internal readonly record struct FrontendKey(UInt128 Address, int Port, ProxyProtocol Protocol);
