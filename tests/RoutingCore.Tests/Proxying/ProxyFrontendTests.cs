using System.Net;
using RoutingCore.Model;
using RoutingCore.Proxying;
using static RoutingCore.Tests.Proxying.ProxyFixtures;

namespace RoutingCore.Tests.Proxying;

/// <summary>PX-1, PX-2, PX-7: which destinations are proxied and which ServicePort they select.</summary>
public sealed class ProxyFrontendTests
{
    [Fact]
    public void PX_1_ClusterIPAndPortSelectTheServicePort()
    {
        var (state, proxy, _) = NewCluster();
        state.Put(Service("web"), Pod("web", "127.1.0.1"));

        var (decision, endpoint) = proxy.Current.Place(state.ClusterIP("web"), 80, Outside);

        Assert.Equal(ProxyOutcome.Selected, decision.Outcome);
        Assert.Equal(FrontendKind.ClusterIP, decision.Frontend!.Kind);
        Assert.Equal("default/web:main/TCP", decision.ServicePort!.ToString());
        Assert.Equal("127.1.0.1", endpoint);
    }

    [Fact]
    public void PX_1_UnknownPortOnAServiceAddressIsRejected()
    {
        var (state, proxy, _) = NewCluster();
        state.Put(Service("web"), Pod("web", "127.1.0.1"));

        var (decision, _) = proxy.Current.Place(state.ClusterIP("web"), 81, Outside);

        Assert.Equal(ProxyOutcome.Rejected, decision.Outcome);
        Assert.Equal(ProxyReason.UnknownPort, decision.Reason);
    }

    [Fact]
    public void PX_1_AnAddressNoServiceClaimsIsNotProxied()
    {
        var (state, proxy, _) = NewCluster();
        state.Put(Service("web"), Pod("web", "127.1.0.1"));

        var (decision, _) = proxy.Current.Place(IPAddress.Parse("127.2.255.254"), 80, Outside);

        Assert.Equal(ProxyOutcome.NotProxied, decision.Outcome);
        Assert.Equal(ProxyReason.UnknownDestination, decision.Reason);
    }

    [Fact]
    public void PX_1_NodePortIsAcceptedOnEveryNodeAddress()
    {
        var (state, proxy, _) = NewCluster();
        state.Put(Service("web", ServiceTypes.NodePort), Pod("web", "127.1.0.1"));
        var nodePort = state.NodePort("web");

        var frontends = proxy.Current.Frontends.Where(f => f.Kind == FrontendKind.NodePort).Select(f => $"{f.EndPoint} {f.ReceivingNode}").ToList();

        Assert.Equal([$"127.4.0.1:{nodePort} node-1", $"127.4.0.2:{nodePort} node-2"], frontends);
        Assert.Equal(ProxyOutcome.Selected, proxy.Current.Place(IPAddress.Parse("127.4.0.2"), nodePort, Outside).Decision.Outcome);
        Assert.Equal(ProxyOutcome.NotProxied, proxy.Current.Place(IPAddress.Parse("127.4.0.2"), 80, Outside).Decision.Outcome);
    }

    [Fact]
    public void PX_1_OneNodeModeListensOnThatNodeAndTheConfiguredAddresses()
    {
        var (state, proxy, _) = NewCluster(new ServiceProxyOptions { NodeName = "node-2", NodeAddresses = ["127.4.1.2"] });
        state.Put(Service("web", ServiceTypes.NodePort), Pod("web", "127.1.0.1"));

        var frontends = proxy.Current.Frontends.Where(f => f.Kind == FrontendKind.NodePort).Select(f => $"{f.Address} {f.ReceivingNode}").ToList();

        Assert.Equal(["127.4.0.2 node-2", "127.4.1.2 node-2"], frontends);
    }

    [Fact]
    public void PX_1_LoadBalancerAndExternalIPsMatchThePortNumber()
    {
        var (state, proxy, _) = NewCluster();
        var service = Service("web", ServiceTypes.LoadBalancer) with { };
        service = service with { Spec = service.Spec with { ExternalIPs = ["127.5.0.1"] } };
        state.Put(service, Pod("web", "127.1.0.1"));

        var kinds = proxy.Current.Frontends.Select(f => $"{f.Kind} {f.EndPoint}").ToList();

        var nodePort = state.NodePort("web");
        Assert.Equal(
            [$"ClusterIP {state.ClusterIP("web")}:80", $"NodePort 127.4.0.1:{nodePort}", $"NodePort 127.4.0.2:{nodePort}",
             $"LoadBalancer {state.LoadBalancerIP("web")}:80", "ExternalIP 127.5.0.1:80"],
            kinds);
        Assert.Equal(ProxyOutcome.Selected, proxy.Current.Place(state.LoadBalancerIP("web"), 80, Outside).Decision.Outcome);
        Assert.Equal(ProxyOutcome.Selected, proxy.Current.Place(IPAddress.Parse("127.5.0.1"), 80, Outside).Decision.Outcome);
        Assert.Equal(ProxyOutcome.Rejected, proxy.Current.Place(IPAddress.Parse("127.5.0.1"), nodePort, Outside).Decision.Outcome);
    }

    [Fact]
    public void PX_2_TheSamePortNumberOverTcpAndUdpReachesEachProtocolsEndpoints()
    {
        var (state, proxy, _) = NewCluster();
        var dns = Service("dns", port: 53, targetPort: 5353);
        dns = dns with
        {
            Spec = dns.Spec with
            {
                Selector = Labels.Empty,
                Ports = [new ServicePort { Name = "tcp", Port = 53, Protocol = "TCP" }, new ServicePort { Name = "udp", Port = 53, Protocol = "UDP" }],
            },
        };
        state.Put(dns, Slice("dns", new EndpointPort("tcp", "TCP", 5301), "127.1.0.1"), Slice("dns", new EndpointPort("udp", "UDP", 5302), "127.1.0.2"));
        var ip = state.ClusterIP("dns");

        var tcp = proxy.Current.Resolve(ProxyProtocol.Tcp, ip, 53, Outside, out var tcpLease);
        var udp = proxy.Current.Resolve(ProxyProtocol.Udp, ip, 53, Outside, out var udpLease);

        Assert.Equal(("127.1.0.1:5301", "127.1.0.2:5302"), (tcpLease.Endpoint.ToString(), udpLease.Endpoint.ToString()));
        Assert.Equal((ProxyProtocol.Tcp, ProxyProtocol.Udp), (tcp.Frontend!.Protocol, udp.Frontend!.Protocol));
        tcpLease.Complete(RoutingCore.Balancing.EndpointOutcome.Neutral);
        udpLease.Complete(RoutingCore.Balancing.EndpointOutcome.Neutral);
    }

    [Fact]
    public void PX_7_HeadlessAndExternalNameServicesAreNotProxied()
    {
        var (state, proxy, _) = NewCluster();
        var headless = Service("db") with { };
        headless = headless with { Spec = headless.Spec with { ClusterIP = "None" } };
        var alias = new Service
        {
            Metadata = new ObjectMeta { Name = "alias", Namespace = "default" },
            Spec = new ServiceSpec { Type = ServiceTypes.ExternalName, ExternalName = "db.example.com" },
        };
        state.Put(headless, alias, Pod("db", "127.1.0.1"), Service("web"));

        var port = new ServiceBackendPort { Number = 80 };
        Assert.Equal(ProxyReason.ServiceNotProxied, proxy.Current.ResolveService("default", "db", port, ProxyProtocol.Tcp, Outside, out _).Reason);
        Assert.Equal(ProxyReason.ServiceNotProxied, proxy.Current.ResolveService("default", "alias", port, ProxyProtocol.Tcp, Outside, out _).Reason);
        Assert.Equal(ProxyReason.UnknownDestination, proxy.Current.ResolveService("default", "nope", port, ProxyProtocol.Tcp, Outside, out _).Reason);
        Assert.All(proxy.Current.Frontends, f => Assert.Equal("default/web", f.ServicePort.ServiceLabel));
    }

    [Fact]
    public void PX_7_ResolveServiceFindsThePortByNameOrNumber()
    {
        var (state, proxy, _) = NewCluster();
        state.Put(Service("web"), Pod("web", "127.1.0.1"));

        var byName = proxy.Current.ResolveService("default", "web", new ServiceBackendPort { Name = "main" }, ProxyProtocol.Tcp, Outside, out var a);
        var byNumber = proxy.Current.ResolveService("default", "web", new ServiceBackendPort { Number = 80 }, ProxyProtocol.Tcp, Outside, out var b);
        var wrong = proxy.Current.ResolveService("default", "web", new ServiceBackendPort { Number = 81 }, ProxyProtocol.Tcp, Outside, out _);

        Assert.Equal((ProxyOutcome.Selected, ProxyOutcome.Selected), (byName.Outcome, byNumber.Outcome));
        Assert.Equal((ProxyOutcome.Rejected, ProxyReason.UnknownPort), (wrong.Outcome, wrong.Reason));
        a.Complete(RoutingCore.Balancing.EndpointOutcome.Neutral);
        b.Complete(RoutingCore.Balancing.EndpointOutcome.Neutral);
    }

    [Fact]
    public void PX_1_SctpPortsAreReportedAndNotProxied()
    {
        var (state, proxy, _) = NewCluster();
        var warnings = new List<RoutingCore.State.ClusterWarning>();
        state.Warning += (_, w) => warnings.Add(w);

        state.Put(Service("sig", protocol: "SCTP"));

        Assert.Empty(proxy.Current.Frontends);
        Assert.Equal(["ProtocolNotProxied: port 80/SCTP is not proxied: only TCP and UDP are"], warnings.Select(w => $"{w.Reason}: {w.Message}"));
    }

    [Fact]
    public void PX_1_TwoServicesClaimingOneAddressAndPort_TheFirstKeepsItAndTheConflictIsReported()
    {
        var (state, proxy, _) = NewCluster();
        var warnings = new List<RoutingCore.State.ClusterWarning>();
        state.Warning += (_, w) => warnings.Add(w);
        Service WithExternal(string name)
        {
            var s = Service(name);
            return s with { Spec = s.Spec with { ExternalIPs = ["127.5.0.1"] } };
        }

        state.Put(WithExternal("b"), WithExternal("a"), Pod("a", "127.1.0.1"), Pod("b", "127.1.0.2"));

        var (_, endpoint) = proxy.Current.Place(IPAddress.Parse("127.5.0.1"), 80, Outside);
        Assert.Equal("127.1.0.1", endpoint);
        var warning = Assert.Single(warnings);
        Assert.Equal("FrontendConflict", warning.Reason);
        Assert.Equal("Service default/b", warning.Object.ToString());
        Assert.Contains("127.5.0.1:80/TCP ExternalIP of default/b:main is not served: 127.5.0.1:80/TCP ExternalIP of default/a:main already uses", warning.Message, StringComparison.Ordinal);
    }

    internal static EndpointSlice Slice(string service, EndpointPort port, params string[] addresses) => new()
    {
        Metadata = new ObjectMeta
        {
            Name = $"{service}-{port.Name}",
            Namespace = "default",
            Labels = Labels.Of((EndpointSlice.ServiceNameLabel, service), (EndpointSlice.ManagedByLabel, "test")),
        },
        AddressType = AddressTypes.IPv4,
        Ports = [port],
        Endpoints = [.. addresses.Select(a => new Endpoint { Addresses = [a], NodeName = "node-1" })],
    };
}
