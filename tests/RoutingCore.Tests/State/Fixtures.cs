using Microsoft.Extensions.Time.Testing;
using RoutingCore.Model;
using RoutingCore.State;
using RoutingCore.Validation;

namespace RoutingCore.Tests.State;

/// <summary>Small builders for the objects the store tests write.</summary>
internal static class Fixtures
{
    public static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static ClusterState NewState(FakeTimeProvider? time = null, Func<ClusterStateOptions, ClusterStateOptions>? configure = null)
    {
        var options = new ClusterStateOptions
        {
            TimeProvider = time ?? new FakeTimeProvider(Epoch),
            RandomSeed = 42,
            PodCidr = "127.1.0.0/16",
            ServiceCidr = "127.2.0.0/16",
            LoadBalancerPools = ["127.3.0.0/24"],
            Validation = new ValidationOptions { AllowLoopbackAddresses = true },
        };
        return new ClusterState(configure is null ? options : configure(options));
    }

    public static Service Service(string name, int port = 80, string? app = null, string ns = "default", string type = "") => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = ns },
        Spec = new ServiceSpec
        {
            Type = type,
            Selector = Labels.Of(("app", app ?? name)),
            Ports = [new ServicePort { Port = port }],
        },
    };

    public static Pod Pod(string name, string app, string? ip = null, bool ready = true, string ns = "default", int containerPort = 8080, string? portName = "http") => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = ns, Labels = Labels.Of(("app", app)) },
        Spec = new PodSpec
        {
            NodeName = "node-1",
            Containers = [new Container { Name = "main", Image = "echoserver", Ports = [new ContainerPort { Name = portName, ContainerPortNumber = containerPort }] }],
        },
        Status = new PodStatus
        {
            Phase = PodPhases.Running,
            PodIP = ip,
            PodIPs = ip is null ? [] : [ip],
            Conditions = [new PodCondition(PodConditionTypes.Ready, ready ? ConditionStatus.True : ConditionStatus.False)],
        },
    };

    public static Pod WithReady(this Pod pod, bool ready) => pod with
    {
        Status = pod.Status with { Conditions = [new PodCondition(PodConditionTypes.Ready, ready ? ConditionStatus.True : ConditionStatus.False)] },
    };

    public static List<EndpointSlice> SlicesOf(this ClusterState state, string service, string ns = "default") =>
        state.List<EndpointSlice>(ns).Where(s => s.Metadata.Labels.TryGetValue(EndpointSlice.ServiceNameLabel, out var v) && v == service).ToList();

    /// <summary>Every (address, ready, serving, terminating, ports) endpoint of a Service, sorted: packing-independent.</summary>
    public static List<string> EndpointSummary(this ClusterState state, string service, string ns = "default") =>
        state.SlicesOf(service, ns)
            .SelectMany(s => s.Endpoints.Select(e => $"{e.Addresses[0]} r={e.Conditions.Ready} s={e.Conditions.Serving} t={e.Conditions.Terminating} " +
                string.Join(",", s.Ports.Select(p => $"{p.Name}/{p.Protocol}/{p.Port}"))))
            .Order(StringComparer.Ordinal)
            .ToList();
}
