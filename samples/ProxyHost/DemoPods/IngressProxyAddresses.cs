using System.Net;

namespace RoutingCore.ProxyHost.DemoPods;

/// <summary>The host's own Ingress proxy listeners, where ingress-nginx controller pods forward to.</summary>
internal sealed record IngressProxyAddresses(IPEndPoint Http, IPEndPoint Https);
