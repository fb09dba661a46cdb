using System.Net;
using RoutingCore.Validation;

namespace RoutingCore.Balancing;

/// <summary>
/// One target an endpoint set can choose: an address and port, its EndpointSlice conditions, an optional weight and
/// where it runs. Independent of the Kubernetes model so that any discovery source can produce it; an EndpointSlice
/// maps onto it one endpoint address and matching slice port at a time.
/// </summary>
/// <example>
/// Mapping the slices of a Service (EPS-3) for one ServicePort (PX-2), with conditions read as EPS-2 says:
/// <code>
/// var targets = new List&lt;EndpointDescription&gt;();
/// foreach (var slice in slicesOfTheService)                 // labelled kubernetes.io/service-name=&lt;svc&gt;
/// {
///     foreach (var port in slice.Ports)
///     {
///         if (port.Name != servicePort.Name || port.Protocol != servicePort.Protocol || port.Port is not int number)
///         {
///             continue;
///         }
///
///         foreach (var e in slice.Endpoints)
///         {
///             targets.Add(new EndpointDescription(e.Addresses[0], number)
///                 .WithConditions(e.Conditions.Ready, e.Conditions.Serving, e.Conditions.Terminating)
///                 with { NodeName = e.NodeName, Zone = e.Zone });
///         }
///     }
/// }
///
/// var set = EndpointSet.Create(targets, registryOfThisServicePort, SelectionStrategy.Random());
/// </code>
/// <see cref="EndpointSet.Create"/> removes duplicate (address, port) pairs and applies PX-3/PX-4.
/// </example>
public sealed record EndpointDescription
{
    /// <summary>The largest accepted <see cref="Weight"/>.</summary>
    public const int MaxWeight = 1_000_000;

    private readonly int _weight = 1;

    /// <summary>Describes the endpoint <paramref name="address"/>:<paramref name="port"/>, ready, with weight 1.</summary>
    /// <param name="address">An IP address (strict form, as kube-apiserver accepts it) or a DNS name (FQDN slices).</param>
    /// <param name="port">The port, 1 to 65535.</param>
    /// <exception cref="ArgumentException">The address is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The port is outside 1-65535.</exception>
    public EndpointDescription(string address, int port)
    {
        ArgumentException.ThrowIfNullOrEmpty(address);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);

        // Canonical text makes "fd00:0::1" and "fd00::1" the same key, so live state follows the endpoint.
        if (IPRules.TryParse(address, out var ip))
        {
            IPAddress = ip;
            Address = ip.ToString();
        }
        else
        {
            Address = address;
        }

        Port = port;
    }

    /// <summary>Describes the endpoint <paramref name="address"/>:<paramref name="port"/>, ready, with weight 1.</summary>
    /// <param name="address">The IP address.</param>
    /// <param name="port">The port, 1 to 65535.</param>
    public EndpointDescription(IPAddress address, int port)
        : this(address?.ToString() ?? throw new ArgumentNullException(nameof(address)), port)
    {
    }

    /// <summary>The address: canonical IP text, or the DNS name as given.</summary>
    public string Address { get; }

    /// <summary>The parsed address when <see cref="Address"/> is an IP address; null for DNS names.</summary>
    public IPAddress? IPAddress { get; }

    /// <summary>The port.</summary>
    public int Port { get; }

    /// <summary>The identity under which live state is kept.</summary>
    public EndpointKey Key => new(Address, Port);

    /// <summary>EndpointSlice <c>ready</c> (EPS-2; default true).</summary>
    public bool Ready { get; init; } = true;

    /// <summary>EndpointSlice <c>serving</c> (EPS-2; default true).</summary>
    public bool Serving { get; init; } = true;

    /// <summary>EndpointSlice <c>terminating</c> (EPS-2; default false).</summary>
    public bool Terminating { get; init; }

    /// <summary>
    /// Relative weight, 1 to <see cref="MaxWeight"/> (default 1). Only <see cref="SelectionStrategy.Weighted"/> reads it;
    /// EndpointSlices carry no weight, so the Kubernetes mapping leaves it at 1.
    /// </summary>
    public int Weight
    {
        get => _weight;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, MaxWeight);
            _weight = value;
        }
    }

    /// <summary>The node hosting the endpoint (EndpointSlice <c>nodeName</c>); Local traffic policy filters on it (PX-5).</summary>
    public string? NodeName { get; init; }

    /// <summary>The zone of that node (EndpointSlice <c>zone</c>).</summary>
    public string? Zone { get; init; }

    /// <summary>The category PX-3 derives from the conditions.</summary>
    public EndpointCategory Category =>
        Ready ? EndpointCategory.Ready
        : Serving && Terminating ? EndpointCategory.ServingTerminating
        : EndpointCategory.Unusable;

    /// <summary>
    /// A copy with the EndpointSlice conditions, null values read as EPS-2 says: <c>ready</c> and <c>serving</c> default to
    /// true, <c>terminating</c> to false.
    /// </summary>
    /// <param name="ready">EndpointSlice <c>conditions.ready</c>.</param>
    /// <param name="serving">EndpointSlice <c>conditions.serving</c>.</param>
    /// <param name="terminating">EndpointSlice <c>conditions.terminating</c>.</param>
    public EndpointDescription WithConditions(bool? ready, bool? serving, bool? terminating) =>
        this with { Ready = ready ?? true, Serving = serving ?? true, Terminating = terminating ?? false };

    /// <summary><c>address:port</c> (<c>[fd00::1]:8080</c> for IPv6).</summary>
    public override string ToString() => Key.ToString();
}
