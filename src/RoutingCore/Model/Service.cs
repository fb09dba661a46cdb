using System.Collections.Immutable;

namespace RoutingCore.Model;

/// <summary>A core/v1 Service: a stable virtual address in front of a set of endpoints (spec §7).</summary>
public sealed record Service : KubeObject
{
    /// <inheritdoc />
    public override ObjectKind Kind => ObjectKind.Service;

    /// <summary>The desired behaviour of the Service.</summary>
    public ServiceSpec Spec { get; init; } = new();

    /// <summary>The most recently observed state, written by controllers (the LoadBalancer allocator).</summary>
    public ServiceStatus Status { get; init; } = new();
}

/// <summary>Service types (SVC-T1..T5).</summary>
public static class ServiceTypes
{
    /// <summary>A virtual IP reachable inside the cluster (the default).</summary>
    public const string ClusterIP = "ClusterIP";
    /// <summary>ClusterIP plus a port on every node.</summary>
    public const string NodePort = "NodePort";
    /// <summary>NodePort plus an external address from the LoadBalancer pool.</summary>
    public const string LoadBalancer = "LoadBalancer";
    /// <summary>A DNS alias; never proxied.</summary>
    public const string ExternalName = "ExternalName";
}

/// <summary>Values of <c>spec.trafficDistribution</c> (SVC-V19, PX-10).</summary>
public static class TrafficDistributions
{
    /// <summary>Prefer endpoints in the client's zone (the original name of <see cref="PreferSameZone"/>).</summary>
    public const string PreferClose = "PreferClose";

    /// <summary>Prefer endpoints in the client's zone.</summary>
    public const string PreferSameZone = "PreferSameZone";

    /// <summary>Prefer endpoints on the client's node, then in its zone.</summary>
    public const string PreferSameNode = "PreferSameNode";
}

/// <summary>Well-known values of Service policy fields.</summary>
public static class ServicePolicies
{
    /// <summary><c>clusterIP: None</c>: a headless Service.</summary>
    public const string None = "None";
    /// <summary>Traffic policy: endpoints on every node.</summary>
    public const string Cluster = "Cluster";
    /// <summary>Traffic policy: endpoints on the receiving node only.</summary>
    public const string Local = "Local";
    /// <summary>Session affinity by client IP.</summary>
    public const string ClientIP = "ClientIP";
    /// <summary>The default session-affinity timeout, in seconds (SVC-D2).</summary>
    public const int DefaultClientIPTimeoutSeconds = 10800;
}

/// <summary>Service spec (core/v1 ServiceSpec), every field of spec §7.</summary>
public sealed record ServiceSpec
{
    /// <summary>ClusterIP, NodePort, LoadBalancer or ExternalName; empty defaults to ClusterIP (SVC-D1).</summary>
    public string Type { get; init; } = "";

    /// <summary>The ports the Service exposes.</summary>
    public ImmutableArray<ServicePort> Ports { get; init; } = [];

    /// <summary>Equality selector over pod labels; empty means the Service has no selector (LBL-8).</summary>
    public ImmutableSortedDictionary<string, string> Selector { get; init; } = Labels.Empty;

    /// <summary>The primary cluster IP; <c>None</c> for headless; empty to have one allocated.</summary>
    public string ClusterIP { get; init; } = "";

    /// <summary>The cluster IPs, one per family; the first equals <see cref="ClusterIP"/>.</summary>
    public ImmutableArray<string> ClusterIPs { get; init; } = [];

    /// <summary>IP families of the cluster IPs (<c>IPv4</c>, <c>IPv6</c>).</summary>
    public ImmutableArray<string> IpFamilies { get; init; } = [];

    /// <summary>SingleStack, PreferDualStack or RequireDualStack; v1 sets SingleStack.</summary>
    public string? IpFamilyPolicy { get; init; }

    /// <summary>Addresses outside the cluster that also reach the Service (SVC-T6).</summary>
    public ImmutableArray<string> ExternalIPs { get; init; } = [];

    /// <summary>None or ClientIP (SVC-D2).</summary>
    public string SessionAffinity { get; init; } = "";

    /// <summary>Session affinity settings; only with ClientIP.</summary>
    public SessionAffinityConfig? SessionAffinityConfig { get; init; }

    /// <summary>Deprecated requested LoadBalancer address (LBA-4).</summary>
    public string? LoadBalancerIP { get; init; }

    /// <summary>Client CIDRs allowed to reach the LoadBalancer address (PX-9).</summary>
    public ImmutableArray<string> LoadBalancerSourceRanges { get; init; } = [];

    /// <summary>The DNS name an ExternalName Service aliases.</summary>
    public string? ExternalName { get; init; }

    /// <summary>Cluster or Local, for traffic from outside the cluster (PX-6).</summary>
    public string? ExternalTrafficPolicy { get; init; }

    /// <summary>Cluster or Local, for traffic to the cluster IP (PX-6).</summary>
    public string? InternalTrafficPolicy { get; init; }

    /// <summary>Node port answering health checks for Local external policy (NPA-6).</summary>
    public int HealthCheckNodePort { get; init; }

    /// <summary>When true, not-ready pods are published as ready endpoints (EPS-C3).</summary>
    public bool PublishNotReadyAddresses { get; init; }

    /// <summary>Whether a LoadBalancer Service allocates node ports (SVC-D6).</summary>
    public bool? AllocateLoadBalancerNodePorts { get; init; }

    /// <summary>The LoadBalancer implementation this Service asks for; null means the default (LBA-2).</summary>
    public string? LoadBalancerClass { get; init; }

    /// <summary>PreferClose, PreferSameZone or PreferSameNode: a hint only (SVC-V19).</summary>
    public string? TrafficDistribution { get; init; }
}

/// <summary>One port of a Service.</summary>
public sealed record ServicePort
{
    /// <summary>The port's name; required when the Service has more than one port.</summary>
    public string Name { get; init; } = "";

    /// <summary>TCP, UDP or SCTP; empty defaults to TCP.</summary>
    public string Protocol { get; init; } = "";

    /// <summary>The application protocol (a qualified name such as <c>kubernetes.io/h2c</c>).</summary>
    public string? AppProtocol { get; init; }

    /// <summary>The port the Service listens on.</summary>
    public int Port { get; init; }

    /// <summary>The port on the pods: a number or a container port name; unset defaults to <see cref="Port"/>.</summary>
    public IntOrString TargetPort { get; init; }

    /// <summary>The node port, for NodePort and LoadBalancer Services; 0 to have one allocated.</summary>
    public int NodePort { get; init; }
}

/// <summary>Session affinity configuration.</summary>
/// <param name="ClientIP">ClientIP affinity settings.</param>
public sealed record SessionAffinityConfig(ClientIPConfig? ClientIP);

/// <summary>ClientIP affinity settings.</summary>
/// <param name="TimeoutSeconds">Seconds of inactivity after which a client is picked afresh (1 to 86400).</param>
public sealed record ClientIPConfig(int? TimeoutSeconds);

/// <summary>Service status.</summary>
public sealed record ServiceStatus
{
    /// <summary>The LoadBalancer addresses, written by the LoadBalancer allocator.</summary>
    public LoadBalancerStatus LoadBalancer { get; init; } = new();
}

/// <summary>The addresses of a load balancer, for a Service or an Ingress.</summary>
public sealed record LoadBalancerStatus
{
    /// <summary>One entry per address.</summary>
    public ImmutableArray<LoadBalancerIngress> Ingress { get; init; } = [];
}

/// <summary>One load-balancer address.</summary>
public sealed record LoadBalancerIngress
{
    /// <summary>An IP address.</summary>
    public string? Ip { get; init; }

    /// <summary>A DNS name.</summary>
    public string? Hostname { get; init; }

    /// <summary>VIP or Proxy; defaults to VIP when <see cref="Ip"/> is set (SVC-D8).</summary>
    public string? IpMode { get; init; }

    /// <summary>Per-port status.</summary>
    public ImmutableArray<PortStatus> Ports { get; init; } = [];
}

/// <summary>The status of one load-balancer port.</summary>
/// <param name="Port">The port number.</param>
/// <param name="Protocol">TCP, UDP or SCTP.</param>
/// <param name="Error">An error reason, if the port failed.</param>
public sealed record PortStatus(int Port, string Protocol, string? Error = null);
