using System.Net;
using RoutingCore.Model;
using RoutingCore.Proxying;
using RoutingCore.Sockets;
using RoutingCore.State;
using RoutingCore.Validation;

namespace L4Bench;

/// <summary>RoutingCore's contestant: a store with one selector-less Service (ports 9001, 9002) and its EndpointSlice, and the socket proxy on the given TCP transport.</summary>
internal static class ProxyHost
{
    public static async Task<int> RunAsync(IPAddress backend, IPAddress vip, TcpTransport transport)
    {
        var octets = vip.GetAddressBytes();
        var state = new ClusterState(new ClusterStateOptions
        {
            ServiceCidr = $"{octets[0]}.{octets[1]}.{octets[2]}.0/24",
            PodCidr = null,
            BootstrapKubernetesService = false,
            Validation = new ValidationOptions { AllowLoopbackAddresses = true },
        });
        await using var proxy = ServiceProxy.AddTo(state, new ServiceProxyOptions(), new SocketProxyOptions { Transport = transport });
        proxy.ListenerFailed += (_, fault) => Console.Error.WriteLine(fault.Message);
        proxy.Start();
        state.ApplyBatch(
        [
            new Service
            {
                Metadata = new ObjectMeta { Name = "bench", Namespace = "default" },
                Spec = new ServiceSpec
                {
                    ClusterIP = vip.ToString(),
                    Ports = [new ServicePort { Name = "sink", Port = 9001 }, new ServicePort { Name = "short", Port = 9002 }],
                },
            },
            new EndpointSlice
            {
                Metadata = new ObjectMeta
                {
                    Name = "bench-1",
                    Namespace = "default",
                    Labels = Labels.Of((EndpointSlice.ServiceNameLabel, "bench"), (EndpointSlice.ManagedByLabel, "l4bench")),
                },
                AddressType = AddressTypes.IPv4,
                Ports = [new EndpointPort("sink", "TCP", 9001), new EndpointPort("short", "TCP", 9002)],
                Endpoints = [new Endpoint { Addresses = [backend.ToString()] }],
            },
        ]);
        state.Sync();
        Console.WriteLine("ready");
        await Task.Delay(Timeout.Infinite);
        return 0;
    }
}
