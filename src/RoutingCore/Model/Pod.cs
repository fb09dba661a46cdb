using System.Collections.Immutable;

namespace RoutingCore.Model;

/// <summary>A core/v1 Pod: the fields RoutingCore uses (POD-1).</summary>
public sealed record Pod : KubeObject
{
    /// <inheritdoc />
    public override ObjectKind Kind => ObjectKind.Pod;

    /// <summary>The desired state of the pod.</summary>
    public PodSpec Spec { get; init; } = new();

    /// <summary>The observed state, written by the pod runtime.</summary>
    public PodStatus Status { get; init; } = new();

    /// <summary>True when the pod's <c>Ready</c> condition is <c>True</c> (POD-3).</summary>
    public bool IsReady
    {
        get
        {
            foreach (var condition in Status.Conditions)
            {
                if (condition.Type == PodConditionTypes.Ready)
                {
                    return condition.Status == ConditionStatus.True;
                }
            }

            return false;
        }
    }

    /// <summary>True when the phase is Succeeded or Failed (POD-3).</summary>
    public bool IsTerminal => Status.Phase is PodPhases.Succeeded or PodPhases.Failed;

    /// <summary>True when a deletion timestamp is set (POD-3).</summary>
    public bool IsTerminating => Metadata.DeletionTimestamp is not null;
}

/// <summary>Pod spec.</summary>
public sealed record PodSpec
{
    /// <summary>The node the pod runs on.</summary>
    public string? NodeName { get; init; }

    /// <summary>The pod's hostname (defaults to its name for DNS).</summary>
    public string? Hostname { get; init; }

    /// <summary>The pod's subdomain: with a headless Service of that name, the pod gets a DNS name.</summary>
    public string? Subdomain { get; init; }

    /// <summary>The application containers.</summary>
    public ImmutableArray<Container> Containers { get; init; } = [];

    /// <summary>Init containers; those with <c>restartPolicy: Always</c> (sidecars) count for named ports.</summary>
    public ImmutableArray<Container> InitContainers { get; init; } = [];
}

/// <summary>A container of a pod.</summary>
public sealed record Container
{
    /// <summary>The container's name.</summary>
    public string Name { get; init; } = "";

    /// <summary>The image reference.</summary>
    public string Image { get; init; } = "";

    /// <summary>The entrypoint (<c>command</c>); empty runs the image's own.</summary>
    public ImmutableArray<string> Command { get; init; } = [];

    /// <summary>The arguments (<c>args</c>), where <c>$(VAR)</c> names one of the container's environment variables.</summary>
    public ImmutableArray<string> Args { get; init; } = [];

    /// <summary>For init containers: <c>Always</c> makes it a restartable sidecar.</summary>
    public string? RestartPolicy { get; init; }

    /// <summary>The ports the container exposes.</summary>
    public ImmutableArray<ContainerPort> Ports { get; init; } = [];

    /// <summary>Environment variables.</summary>
    public ImmutableArray<EnvVar> Env { get; init; } = [];

    /// <summary>The readiness probe.</summary>
    public Probe? ReadinessProbe { get; init; }
}

/// <summary>A port of a container.</summary>
public sealed record ContainerPort
{
    /// <summary>An IANA_SVC_NAME, unique within the pod; a Service's named targetPort refers to it.</summary>
    public string? Name { get; init; }

    /// <summary>The port number, 1 to 65535.</summary>
    public int ContainerPortNumber { get; init; }

    /// <summary>TCP, UDP or SCTP; empty defaults to TCP.</summary>
    public string Protocol { get; init; } = "";
}

/// <summary>An environment variable: a literal value or one taken from a field of the pod.</summary>
/// <param name="Name">The variable name.</param>
/// <param name="Value">A literal value.</param>
/// <param name="ValueFrom">Where to take the value from.</param>
public sealed record EnvVar(string Name, string? Value = null, EnvVarSource? ValueFrom = null);

/// <summary>The source of an environment variable's value.</summary>
/// <param name="FieldRef">A field of the pod, such as <c>metadata.name</c> or <c>status.podIP</c>.</param>
public sealed record EnvVarSource(ObjectFieldSelector? FieldRef);

/// <summary>Selects a field of the pod.</summary>
/// <param name="FieldPath">The path of the field, for example <c>metadata.namespace</c>.</param>
public sealed record ObjectFieldSelector(string FieldPath);

/// <summary>A readiness probe.</summary>
public sealed record Probe
{
    /// <summary>An HTTP GET probe.</summary>
    public HttpGetAction? HttpGet { get; init; }

    /// <summary>A TCP connect probe.</summary>
    public TcpSocketAction? TcpSocket { get; init; }

    /// <summary>Seconds before the first probe.</summary>
    public int InitialDelaySeconds { get; init; }

    /// <summary>Seconds between probes (default 10).</summary>
    public int PeriodSeconds { get; init; } = 10;

    /// <summary>Seconds after which a probe times out (default 1).</summary>
    public int TimeoutSeconds { get; init; } = 1;

    /// <summary>Consecutive successes to be considered ready (default 1).</summary>
    public int SuccessThreshold { get; init; } = 1;

    /// <summary>Consecutive failures to be considered not ready (default 3).</summary>
    public int FailureThreshold { get; init; } = 3;
}

/// <summary>An HTTP GET probe target.</summary>
/// <param name="Path">The request path.</param>
/// <param name="Port">A port number or a container port name.</param>
/// <param name="Scheme">HTTP or HTTPS.</param>
public sealed record HttpGetAction(string Path, IntOrString Port, string Scheme = "HTTP");

/// <summary>A TCP probe target.</summary>
/// <param name="Port">A port number or a container port name.</param>
public sealed record TcpSocketAction(IntOrString Port);

/// <summary>Pod status.</summary>
public sealed record PodStatus
{
    /// <summary>Pending, Running, Succeeded, Failed or Unknown.</summary>
    public string Phase { get; init; } = PodPhases.Pending;

    /// <summary>The pod's primary IP.</summary>
    public string? PodIP { get; init; }

    /// <summary>All the pod's IPs, one per family.</summary>
    public ImmutableArray<string> PodIPs { get; init; } = [];

    /// <summary>The address of the node running the pod.</summary>
    public string? HostIP { get; init; }

    /// <summary>Conditions such as <c>Ready</c>.</summary>
    public ImmutableArray<PodCondition> Conditions { get; init; } = [];

    /// <summary>A brief reason for the pod's state (for example why it is Pending).</summary>
    public string? Reason { get; init; }

    /// <summary>A human-readable message about the pod's state.</summary>
    public string? Message { get; init; }

    /// <summary>When the pod was started by its runtime.</summary>
    public DateTimeOffset? StartTime { get; init; }
}

/// <summary>A pod condition.</summary>
/// <param name="Type">The condition type, for example <c>Ready</c>.</param>
/// <param name="Status">True, False or Unknown.</param>
/// <param name="Reason">A machine-readable reason.</param>
/// <param name="Message">A human-readable message.</param>
/// <param name="LastTransitionTime">When the status last changed.</param>
public sealed record PodCondition(string Type, string Status, string? Reason = null, string? Message = null, DateTimeOffset? LastTransitionTime = null);

/// <summary>Pod phases.</summary>
public static class PodPhases
{
    /// <summary>Accepted, not yet running.</summary>
    public const string Pending = "Pending";
    /// <summary>Running.</summary>
    public const string Running = "Running";
    /// <summary>All containers exited successfully.</summary>
    public const string Succeeded = "Succeeded";
    /// <summary>A container failed.</summary>
    public const string Failed = "Failed";
    /// <summary>State unknown.</summary>
    public const string Unknown = "Unknown";
}

/// <summary>Pod condition types.</summary>
public static class PodConditionTypes
{
    /// <summary>The pod can serve requests.</summary>
    public const string Ready = "Ready";
}

/// <summary>Condition status values.</summary>
public static class ConditionStatus
{
    /// <summary>The condition holds.</summary>
    public const string True = "True";
    /// <summary>The condition does not hold.</summary>
    public const string False = "False";
    /// <summary>Not known.</summary>
    public const string Unknown = "Unknown";
}
