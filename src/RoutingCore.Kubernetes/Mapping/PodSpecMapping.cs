using k8s.Models;
using RoutingCore.Model;

namespace RoutingCore.Kubernetes.Mapping;

/// <summary>The pod spec fields RoutingCore uses (POD-1), shared by Pod and the Deployment's pod template.</summary>
internal static class PodSpecMapping
{
    public static PodSpec ToModel(V1PodSpec? spec) => spec is null ? new PodSpec() : new PodSpec
    {
        NodeName = spec.NodeName,
        Hostname = spec.Hostname,
        Subdomain = spec.Subdomain,
        Containers = MapValues.Array(spec.Containers, ToModel),
        InitContainers = MapValues.Array(spec.InitContainers, ToModel),
    };

    public static V1PodSpec ToKubernetes(PodSpec spec) => new()
    {
        NodeName = spec.NodeName,
        Hostname = spec.Hostname,
        Subdomain = spec.Subdomain,
        Containers = spec.Containers.IsDefault ? [] : spec.Containers.Select(ToKubernetes).ToList(),
        InitContainers = MapValues.ListOrNull(spec.InitContainers, ToKubernetes),
    };

    public static PodTemplateSpec ToModel(V1PodTemplateSpec? template) => template is null ? new PodTemplateSpec() : new PodTemplateSpec
    {
        Metadata = MetadataMapping.ToModel(template.Metadata),
        Spec = ToModel(template.Spec),
    };

    public static V1PodTemplateSpec ToKubernetes(PodTemplateSpec template) => new()
    {
        Metadata = MetadataMapping.ToKubernetes(template.Metadata),
        Spec = ToKubernetes(template.Spec),
    };

    private static Container ToModel(V1Container c) => new()
    {
        Name = MapValues.Text(c.Name),
        Image = MapValues.Text(c.Image),
        Command = MapValues.Strings(c.Command),
        Args = MapValues.Strings(c.Args),
        RestartPolicy = c.RestartPolicy,
        Ports = MapValues.Array(c.Ports, p => new ContainerPort { Name = p.Name, ContainerPortNumber = p.ContainerPort, Protocol = MapValues.Text(p.Protocol) }),
        Env = MapValues.Array(c.Env, e => new EnvVar(
            MapValues.Text(e.Name),
            e.Value,
            e.ValueFrom is { } from ? new EnvVarSource(from.FieldRef is { } field ? new ObjectFieldSelector(MapValues.Text(field.FieldPath)) : null) : null)),
        ReadinessProbe = c.ReadinessProbe is { } probe ? ToModel(probe) : null,
    };

    private static V1Container ToKubernetes(Container c) => new()
    {
        Name = c.Name,
        Image = MapValues.TextOrNull(c.Image),
        Command = MapValues.StringsOrNull(c.Command),
        Args = MapValues.StringsOrNull(c.Args),
        RestartPolicy = c.RestartPolicy,
        Ports = MapValues.ListOrNull(c.Ports, p => new V1ContainerPort { Name = p.Name, ContainerPort = p.ContainerPortNumber, Protocol = MapValues.TextOrNull(p.Protocol) }),
        Env = MapValues.ListOrNull(c.Env, e => new V1EnvVar
        {
            Name = e.Name,
            Value = e.Value,
            ValueFrom = e.ValueFrom is { } from
                ? new V1EnvVarSource { FieldRef = from.FieldRef is { } field ? new V1ObjectFieldSelector { FieldPath = field.FieldPath } : null }
                : null,
        }),
        ReadinessProbe = c.ReadinessProbe is { } probe ? ToKubernetes(probe) : null,
    };

    private static Probe ToModel(V1Probe probe)
    {
        var defaults = new Probe();
        return new Probe
        {
            HttpGet = probe.HttpGet is { } get ? new HttpGetAction(MapValues.Text(get.Path), MapValues.ToIntOrString(get.Port), get.Scheme ?? "HTTP") : null,
            TcpSocket = probe.TcpSocket is { } tcp ? new TcpSocketAction(MapValues.ToIntOrString(tcp.Port)) : null,
            InitialDelaySeconds = probe.InitialDelaySeconds ?? defaults.InitialDelaySeconds,
            PeriodSeconds = probe.PeriodSeconds ?? defaults.PeriodSeconds,
            TimeoutSeconds = probe.TimeoutSeconds ?? defaults.TimeoutSeconds,
            SuccessThreshold = probe.SuccessThreshold ?? defaults.SuccessThreshold,
            FailureThreshold = probe.FailureThreshold ?? defaults.FailureThreshold,
        };
    }

    private static V1Probe ToKubernetes(Probe probe) => new()
    {
        HttpGet = probe.HttpGet is { } get ? new V1HTTPGetAction { Path = get.Path, Port = MapValues.IntOrStringOrNull(get.Port), Scheme = get.Scheme } : null,
        TcpSocket = probe.TcpSocket is { } tcp ? new V1TCPSocketAction { Port = MapValues.IntOrStringOrNull(tcp.Port) } : null,
        InitialDelaySeconds = MapValues.NumberOrNull(probe.InitialDelaySeconds),
        PeriodSeconds = probe.PeriodSeconds,
        TimeoutSeconds = probe.TimeoutSeconds,
        SuccessThreshold = probe.SuccessThreshold,
        FailureThreshold = probe.FailureThreshold,
    };
}
