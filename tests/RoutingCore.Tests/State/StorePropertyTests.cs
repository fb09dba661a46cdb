using System.Net;
using FsCheck.Xunit;
using RoutingCore.Model;
using RoutingCore.State;
using static RoutingCore.Tests.State.Fixtures;

namespace RoutingCore.Tests.State;

/// <summary>
/// Issue properties (a) and (d): random sequences of Service and Pod writes — many of them refused — keep the
/// allocators exactly in step with what is stored, and leave EndpointSlices equal to those a fresh store computes
/// from the same final objects.
/// </summary>
public sealed class StorePropertyTests
{
    private const string Replay = "(20261129,424243)";
    private static readonly string[] Types = [ServiceTypes.ClusterIP, ServiceTypes.NodePort, ServiceTypes.LoadBalancer, ServiceTypes.ExternalName, "headless"];

    private static ClusterState SmallState() =>
        NewState(configure: o => o with { ServiceCidr = "127.2.0.0/27", NodePortMin = 30000, NodePortMax = 30015, LoadBalancerPools = ["127.3.0.0/30"] });

    /// <summary>One Service write decoded from generated numbers: small name, address and port spaces force conflicts and exhaustion.</summary>
    private static void ApplyServiceOp(ClusterState state, int op, int a, int b)
    {
        var name = $"s{(uint)a % 6}";
        var type = Types[(uint)b % Types.Length];
        var requestedIP = (uint)(a >> 3) % 4 == 0 ? $"127.2.0.{(uint)(b >> 3) % 34}" : "";
        var nodePort = (uint)(b >> 5) % 3 == 0 ? 29998 + (int)((uint)(a >> 5) % 20) : 0;
        var ports = (uint)(a >> 7) % 2 == 0
            ? new[] { new ServicePort { Name = "a", Port = 80, NodePort = nodePort }, new ServicePort { Name = "b", Port = 81 } }
            : [new ServicePort { Name = "a", Port = 80, NodePort = nodePort }];
        var spec = type switch
        {
            ServiceTypes.ExternalName => new ServiceSpec { Type = type, ExternalName = "example.com" },
            "headless" => new ServiceSpec { ClusterIP = "None", Ports = [.. ports.Select(p => p with { NodePort = 0 })], Selector = Labels.Of(("app", name)) },
            _ => new ServiceSpec
            {
                Type = type,
                ClusterIP = requestedIP,
                Ports = [.. type == ServiceTypes.ClusterIP ? ports.Select(p => p with { NodePort = 0 }) : ports],
                Selector = Labels.Of(("app", name)),
            },
        };
        var service = new Service { Metadata = new ObjectMeta { Name = name }, Spec = spec };
        try
        {
            switch ((uint)op % 4)
            {
                case 0: state.Create(service); break;
                case 1: state.Apply(service); break;
                case 2: state.Update(service); break;
                default: state.Delete<Service>("default", name); break;
            }
        }
        catch (ApiException)
        {
            // Refusals are part of the sequence: they must leave nothing behind.
        }
    }

    [Property(MaxTest = 150, Replay = Replay)]
    public bool IPA_7_NPA_7_AllocationsMatchTheStoredServicesAfterAnySequence((int Op, int A, int B)[] operations)
    {
        var state = SmallState();
        foreach (var (op, a, b) in operations)
        {
            ApplyServiceOp(state, op, a, b);
            state.Sync();
        }

        var services = state.List<Service>().ToList();
        var ips = services.Select(s => s.Spec.ClusterIP).Where(ip => ip.Length > 0 && ip != "None").ToList();
        Assert.Equal(ips.Count, ips.Distinct().Count());
        var nodePorts = services.SelectMany(s => s.Spec.Ports.Select(p => p.NodePort).Append(s.Spec.HealthCheckNodePort).Where(p => p != 0).Distinct()).ToList();
        Assert.Equal(nodePorts.Count, nodePorts.Distinct().Count());
        var lbIPs = services.SelectMany(s => s.Status.LoadBalancer.Ingress.Select(i => i.Ip)).ToList();
        Assert.Equal(lbIPs.Count, lbIPs.Distinct().Count());

        // The allocators hold exactly what is stored: nothing leaked by a refused write, nothing freed too early.
        for (var last = 1; last <= 30; last++)
        {
            var ip = $"127.2.0.{last}";
            Assert.Equal(ips.Contains(ip), state.Allocations.IsAllocated(IPAddress.Parse(ip)));
        }

        for (var port = 30000; port <= 30015; port++)
        {
            Assert.Equal(nodePorts.Contains(port), state.Allocations.IsNodePortAllocated(port));
        }

        // Released values are usable again: delete everything and request each one explicitly.
        foreach (var service in services.Where(s => s.Name != "kubernetes"))
        {
            state.Delete<Service>("default", service.Name);
        }

        var i = 0;
        foreach (var ip in ips.Where(ip => ip != "127.2.0.1"))
        {
            state.Create(new Service { Metadata = new ObjectMeta { Name = $"probe{i++}" }, Spec = new ServiceSpec { ClusterIP = ip, Ports = [new ServicePort { Port = 80 }] } });
        }

        foreach (var port in nodePorts)
        {
            state.Create(new Service { Metadata = new ObjectMeta { Name = $"probe{i++}" }, Spec = new ServiceSpec { Type = ServiceTypes.NodePort, Ports = [new ServicePort { Port = 80, NodePort = port }] } });
        }

        return true;
    }

    [Property(MaxTest = 100, Replay = Replay)]
    public bool EPS_SlicesEqualThoseComputedFromScratch((int Op, int A, int B)[] operations)
    {
        var state = NewState(configure: o => o with { MaxEndpointsPerSlice = 3, PodCidr = null });
        foreach (var (op, a, b) in operations)
        {
            if ((uint)op % 3 == 0)
            {
                ApplyServiceOp(state, op / 3, a, b);
            }
            else
            {
                ApplyPodOp(state, op / 3, a, b);
            }

            if ((uint)(b >> 9) % 3 == 0)
            {
                state.Sync();
            }
        }

        state.Sync();

        var fresh = NewState(configure: o => o with { MaxEndpointsPerSlice = 3, PodCidr = null });
        fresh.ApplyBatch(state.List<Service>().Where(s => s.Name != "kubernetes").Select(Strip).Concat(state.List<Pod>().Select(Strip)));
        foreach (var pod in state.List<Pod>().Where(p => p.IsTerminating))
        {
            fresh.Delete<Pod>("default", pod.Name, new DeleteOptions { GracePeriodSeconds = 30 });
        }

        fresh.Sync();

        foreach (var service in state.List<Service>())
        {
            Assert.Equal(fresh.EndpointSummary(service.Name), state.EndpointSummary(service.Name));
        }

        // No slice outlives its Service.
        Assert.All(state.List<EndpointSlice>(), s => Assert.NotNull(state.Get<Service>("default", s.Metadata.Labels[EndpointSlice.ServiceNameLabel])));
        return true;
    }

    private static void ApplyPodOp(ClusterState state, int op, int a, int b)
    {
        var name = $"p{(uint)a % 8}";
        var app = $"s{(uint)b % 6}";
        var pod = Pod(name, app, $"127.1.0.{(uint)a % 8 + 10}", ready: (uint)(b >> 4) % 2 == 0,
            containerPort: (uint)(a >> 4) % 2 == 0 ? 8080 : 9090, portName: (uint)(a >> 6) % 2 == 0 ? "a" : "b");
        try
        {
            switch ((uint)op % 5)
            {
                case 0: state.Create(pod); break;
                case 1: state.Apply(pod); break;
                case 2 when state.Get<Pod>("default", name) is { } current: state.UpdateStatus(current.WithReady(!current.IsReady)); break;
                case 3: state.Delete<Pod>("default", name, new DeleteOptions { GracePeriodSeconds = (uint)b % 2 == 0 ? 30 : 0 }); break;
                default: state.Delete<Pod>("default", name); break;
            }
        }
        catch (ApiException)
        {
        }
    }

    private static KubeObject Strip(KubeObject obj) => obj.WithMetadata(obj.Metadata with { ResourceVersion = "", Uid = "" });
}
