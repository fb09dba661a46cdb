using System.Net;
using Microsoft.Extensions.Time.Testing;
using RoutingCore.Balancing;
using RoutingCore.Model;
using RoutingCore.Proxying;
using RoutingCore.State;
using RoutingCore.Validation;

namespace RoutingCore.Tests.Proxying;

/// <summary>
/// A loopback address plan for the proxy tests: services in 127.2.0.0/16, pods in 127.1.0.0/16 (pod CIDR, so pod IPs
/// count as inside the cluster), LoadBalancer pool 127.3.0.0/24, node-1 at 127.4.0.1 and node-2 at 127.4.0.2, outside
/// clients in 127.9.0.0/16.
/// </summary>
internal static class ProxyFixtures
{
    public static readonly IPAddress Outside = IPAddress.Parse("127.9.0.1");

    public static (ClusterState State, ServiceProxyController Proxy, FakeTimeProvider Time) NewCluster(ServiceProxyOptions? options = null)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var state = new ClusterState(new ClusterStateOptions
        {
            TimeProvider = time,
            RandomSeed = 42,
            PodCidr = "127.1.0.0/16",
            ServiceCidr = "127.2.0.0/16",
            LoadBalancerPools = ["127.3.0.0/24"],
            Validation = new ValidationOptions { AllowLoopbackAddresses = true },
            BootstrapKubernetesService = false,
        });
        state.Create(Node("node-1", "127.4.0.1"));
        state.Create(Node("node-2", "127.4.0.2"));
        var proxy = ServiceProxyController.AddTo(state, options ?? new ServiceProxyOptions { RandomSeed = 7 });
        return (state, proxy, time);
    }

    public static Node Node(string name, string address) => new()
    {
        Metadata = new ObjectMeta { Name = name },
        Addresses = [new NodeAddress("InternalIP", address)],
    };

    public static Service Service(string name, string type = "", int port = 80, int targetPort = 8080, string protocol = "TCP") => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "default" },
        Spec = new ServiceSpec
        {
            Type = type,
            Selector = Labels.Of(("app", name)),
            Ports = [new ServicePort { Name = "main", Port = port, Protocol = protocol, TargetPort = targetPort }],
        },
    };

    public static Pod Pod(string app, string ip, string node = "node-1", bool ready = true) => new()
    {
        Metadata = new ObjectMeta { Name = app + "-" + ip.Replace('.', '-'), Namespace = "default", Labels = Labels.Of(("app", app)) },
        Spec = new PodSpec
        {
            NodeName = node,
            Containers = [new Container { Name = "main", Image = "echo", Ports = [new ContainerPort { ContainerPortNumber = 8080 }] }],
        },
        Status = new PodStatus
        {
            Phase = PodPhases.Running,
            PodIP = ip,
            PodIPs = [ip],
            Conditions = [new PodCondition(PodConditionTypes.Ready, ready ? ConditionStatus.True : ConditionStatus.False)],
        },
    };

    /// <summary>Applies the objects and settles the controllers.</summary>
    public static void Put(this ClusterState state, params KubeObject[] objects)
    {
        state.ApplyBatch(objects);
        state.Sync();
    }

    public static Service Stored(this ClusterState state, string name) => state.Get<Service>("default", name)!;

    public static IPAddress ClusterIP(this ClusterState state, string name) => IPAddress.Parse(state.Stored(name).Spec.ClusterIP);

    public static IPAddress LoadBalancerIP(this ClusterState state, string name) => IPAddress.Parse(state.Stored(name).Status.LoadBalancer.Ingress[0].Ip!);

    public static int NodePort(this ClusterState state, string name) => state.Stored(name).Spec.Ports[0].NodePort;

    /// <summary>Resolves once and completes the lease; returns the decision and the chosen endpoint's address (or null).</summary>
    public static (ProxyDecision Decision, string? Endpoint) Place(this ProxyTable table, IPAddress local, int port, IPAddress client, ProxyProtocol protocol = ProxyProtocol.Tcp)
    {
        var decision = table.Resolve(protocol, local, port, client, out var lease);
        string? endpoint = null;
        if (decision.Outcome == ProxyOutcome.Selected)
        {
            endpoint = lease.Endpoint.Address;
            lease.Complete(EndpointOutcome.Success);
        }

        return (decision, endpoint);
    }

    /// <summary>The distinct endpoints <paramref name="count"/> placements reach.</summary>
    public static SortedSet<string> Reached(this ProxyTable table, IPAddress local, int port, IPAddress client, int count = 200)
    {
        var reached = new SortedSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var (decision, endpoint) = table.Place(local, port, client);
            Assert.Equal(ProxyOutcome.Selected, decision.Outcome);
            reached.Add(endpoint!);
        }

        return reached;
    }
}
