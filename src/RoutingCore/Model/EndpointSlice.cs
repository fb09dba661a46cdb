using System.Collections.Immutable;

namespace RoutingCore.Model;

/// <summary>A discovery.k8s.io/v1 EndpointSlice: a group of endpoints of one Service sharing one port list (§8.1).</summary>
public sealed record EndpointSlice : KubeObject
{
    /// <summary>The label naming the Service a slice belongs to.</summary>
    public const string ServiceNameLabel = "kubernetes.io/service-name";

    /// <summary>The label naming the controller that manages a slice.</summary>
    public const string ManagedByLabel = "endpointslice.kubernetes.io/managed-by";

    /// <summary>The <see cref="ManagedByLabel"/> value of slices the EndpointSlice controller manages.</summary>
    public const string ControllerName = "endpointslice-controller.k8s.io";

    /// <summary>The label marking the slices of headless Services.</summary>
    public const string HeadlessLabel = "service.kubernetes.io/headless";

    /// <inheritdoc />
    public override ObjectKind Kind => ObjectKind.EndpointSlice;

    /// <summary>IPv4, IPv6 or FQDN; required and immutable.</summary>
    public string AddressType { get; init; } = "";

    /// <summary>The endpoints (at most 1000).</summary>
    public ImmutableArray<Endpoint> Endpoints { get; init; } = [];

    /// <summary>The ports every endpoint serves (at most 100).</summary>
    public ImmutableArray<EndpointPort> Ports { get; init; } = [];
}

/// <summary>Address types of EndpointSlices.</summary>
public static class AddressTypes
{
    /// <summary>IPv4 addresses.</summary>
    public const string IPv4 = "IPv4";
    /// <summary>IPv6 addresses.</summary>
    public const string IPv6 = "IPv6";
    /// <summary>Deprecated DNS names.</summary>
    public const string Fqdn = "FQDN";
}

/// <summary>One endpoint of a slice.</summary>
public sealed record Endpoint
{
    /// <summary>The endpoint's addresses (1 to 100; consumers use the first).</summary>
    public ImmutableArray<string> Addresses { get; init; } = [];

    /// <summary>Readiness, serving and terminating state.</summary>
    public EndpointConditions Conditions { get; init; } = new();

    /// <summary>The endpoint's hostname, for headless DNS.</summary>
    public string? Hostname { get; init; }

    /// <summary>The node hosting the endpoint.</summary>
    public string? NodeName { get; init; }

    /// <summary>The zone of the node.</summary>
    public string? Zone { get; init; }

    /// <summary>The pod behind the endpoint.</summary>
    public ObjectReference? TargetRef { get; init; }
}

/// <summary>Endpoint conditions; null values are read as EPS-2 says (ready and serving true, terminating false).</summary>
/// <param name="Ready">Should receive normal traffic (null means true).</param>
/// <param name="Serving">Can answer, even while terminating (null means true).</param>
/// <param name="Terminating">Is shutting down (null means false).</param>
public sealed record EndpointConditions(bool? Ready = null, bool? Serving = null, bool? Terminating = null)
{
    /// <summary><see cref="Ready"/> with null read as true.</summary>
    public bool IsReady => Ready ?? true;

    /// <summary><see cref="Serving"/> with null read as true.</summary>
    public bool IsServing => Serving ?? true;

    /// <summary><see cref="Terminating"/> with null read as false.</summary>
    public bool IsTerminating => Terminating ?? false;
}

/// <summary>A port of an EndpointSlice.</summary>
/// <param name="Name">The ServicePort name this entry serves (empty for an unnamed port).</param>
/// <param name="Protocol">TCP, UDP or SCTP.</param>
/// <param name="Port">The port number on the endpoints; null means every port.</param>
/// <param name="AppProtocol">The application protocol.</param>
public sealed record EndpointPort(string Name, string Protocol, int? Port, string? AppProtocol = null);

/// <summary>A legacy core/v1 Endpoints object, named after its Service (§8.3).</summary>
public sealed record Endpoints : KubeObject
{
    /// <inheritdoc />
    public override ObjectKind Kind => ObjectKind.Endpoints;

    /// <summary>Groups of addresses sharing a port list.</summary>
    public ImmutableArray<EndpointSubset> Subsets { get; init; } = [];
}

/// <summary>A subset of a legacy Endpoints object.</summary>
public sealed record EndpointSubset
{
    /// <summary>Ready addresses.</summary>
    public ImmutableArray<EndpointAddress> Addresses { get; init; } = [];

    /// <summary>Addresses that are not ready.</summary>
    public ImmutableArray<EndpointAddress> NotReadyAddresses { get; init; } = [];

    /// <summary>The ports of every address.</summary>
    public ImmutableArray<EndpointPort> Ports { get; init; } = [];
}

/// <summary>An address of a legacy Endpoints subset.</summary>
/// <param name="Ip">The IP address.</param>
/// <param name="Hostname">The hostname, for headless DNS.</param>
/// <param name="NodeName">The node hosting the address.</param>
/// <param name="TargetRef">The pod behind the address.</param>
public sealed record EndpointAddress(string Ip, string? Hostname = null, string? NodeName = null, ObjectReference? TargetRef = null);
