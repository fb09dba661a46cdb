using System.Net;
using Microsoft.Extensions.Time.Testing;
using RoutingCore.Model;
using RoutingCore.Proxying;
using RoutingCore.State;
using RoutingCore.Validation;

namespace RoutingCore.Sockets.Tests;

/// <summary>A store with a loopback address plan, two nodes, a Service proxy on real sockets, and a fake clock.</summary>
internal sealed class ProxyCluster : IAsyncDisposable
{
    private ProxyCluster(LoopbackPlan plan, ClusterState state, ServiceProxy proxy, FakeTimeProvider time)
    {
        Plan = plan;
        State = state;
        Proxy = proxy;
        Time = time;
    }

    public LoopbackPlan Plan { get; }

    public ClusterState State { get; }

    public ServiceProxy Proxy { get; }

    public FakeTimeProvider Time { get; }

    public static ProxyCluster Start(SocketProxyOptions? options = null, ServiceProxyOptions? proxyOptions = null)
    {
        var plan = LoopbackPlan.Next();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var state = new ClusterState(new ClusterStateOptions
        {
            TimeProvider = time,
            RandomSeed = plan.Octet,
            PodCidr = plan.PodCidr,
            ServiceCidr = plan.ServiceCidr,
            LoadBalancerPools = [plan.LoadBalancerPool],
            Validation = new ValidationOptions { AllowLoopbackAddresses = true },
            BootstrapKubernetesService = false,
        });
        state.Create(Node("node-1", plan.Node1));
        state.Create(Node("node-2", plan.Node2));
        var proxy = ServiceProxy.AddTo(state, proxyOptions ?? new ServiceProxyOptions { RandomSeed = plan.Octet }, options);
        proxy.Start();
        state.Sync();
        return new ProxyCluster(plan, state, proxy, time);
    }

    public static Node Node(string name, IPAddress address) => new()
    {
        Metadata = new ObjectMeta { Name = name },
        Addresses = [new NodeAddress("InternalIP", address.ToString())],
    };

    /// <summary>A Service selecting <c>app=name</c> with one port <paramref name="port"/> → 8080.</summary>
    public static Service Service(string name, int port = 8000, string type = "", string protocol = "TCP", Func<ServiceSpec, ServiceSpec>? edit = null)
    {
        var spec = new ServiceSpec
        {
            Type = type,
            Selector = Labels.Of(("app", name)),
            Ports = [new ServicePort { Name = "main", Port = port, Protocol = protocol, TargetPort = 8080 }],
        };
        return new Service { Metadata = new ObjectMeta { Name = name, Namespace = "default" }, Spec = edit is null ? spec : edit(spec) };
    }

    public Pod Pod(string app, int index, string node = "node-1") => new()
    {
        Metadata = new ObjectMeta { Name = $"{app}-{index}", Namespace = "default", Labels = Labels.Of(("app", app)) },
        Spec = new PodSpec
        {
            NodeName = node,
            Containers = [new Container { Name = "main", Image = "echo", Ports = [new ContainerPort { ContainerPortNumber = 8080 }] }],
        },
        Status = new PodStatus
        {
            Phase = PodPhases.Running,
            PodIP = Plan.Pod(index),
            PodIPs = [Plan.Pod(index)],
            Conditions = [new PodCondition(PodConditionTypes.Ready, ConditionStatus.True)],
        },
    };

    /// <summary>The pod address backends bind: 127.B.1.index:8080.</summary>
    public IPEndPoint PodEndPoint(int index) => new(IPAddress.Parse(Plan.Pod(index)), 8080);

    public void Put(params KubeObject[] objects)
    {
        State.ApplyBatch(objects);
        State.Sync();
    }

    public Service Stored(string name) => State.Get<Service>("default", name)!;

    public IPEndPoint ClusterEndPoint(string name)
    {
        var service = Stored(name);
        return new IPEndPoint(IPAddress.Parse(service.Spec.ClusterIP), service.Spec.Ports[0].Port);
    }

    public IPEndPoint LoadBalancerEndPoint(string name)
    {
        var service = Stored(name);
        return new IPEndPoint(IPAddress.Parse(service.Status.LoadBalancer.Ingress[0].Ip!), service.Spec.Ports[0].Port);
    }

    public async ValueTask DisposeAsync() => await Proxy.DisposeAsync();
}
