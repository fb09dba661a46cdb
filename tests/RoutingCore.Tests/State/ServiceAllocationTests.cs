using RoutingCore.Model;
using RoutingCore.State;
using static RoutingCore.Tests.State.Fixtures;

namespace RoutingCore.Tests.State;

public sealed class ServiceAllocationTests
{
    private static Service NodePortService(string name, int nodePort = 0, int port = 80) =>
        Service(name) with { Spec = Service(name).Spec with { Type = ServiceTypes.NodePort, Ports = [new ServicePort { Port = port, NodePort = nodePort }] } };

    [Fact]
    public void IPA_3_TheKubernetesServiceHoldsTheFirstAddress()
    {
        var state = NewState();
        var kubernetes = state.Get<Service>("default", "kubernetes")!;
        Assert.Equal("127.2.0.1", kubernetes.Spec.ClusterIP);
        Assert.Equal(("https", 443, 6443), (kubernetes.Spec.Ports[0].Name, kubernetes.Spec.Ports[0].Port, kubernetes.Spec.Ports[0].TargetPort.Number));
        Assert.Empty(kubernetes.Spec.Selector);
    }

    [Fact]
    public void IPA_5_DynamicAddressesComeFromTheUpperBand()
    {
        var state = NewState();
        for (var i = 0; i < 20; i++)
        {
            var ip = System.Net.IPAddress.Parse(state.Create(Service($"s{i}")).Spec.ClusterIP).GetAddressBytes();
            var offset = (ip[2] << 8) | ip[3];
            Assert.True(offset > 256, $"127.2.{ip[2]}.{ip[3]} is in the static band");
        }
    }

    [Fact]
    public void SVC_D7_ClusterIPsAndFamiliesAreFilledIn()
    {
        var state = NewState();
        var web = state.Create(Service("web"));
        Assert.Equal([web.Spec.ClusterIP], web.Spec.ClusterIPs);
        Assert.Equal(["IPv4"], web.Spec.IpFamilies);
        Assert.Equal("SingleStack", web.Spec.IpFamilyPolicy);
    }

    [Fact]
    public void IPA_4_RequestedAddressOutsideTheRange()
    {
        var state = NewState();
        var error = Assert.Throws<ApiException>(() => state.Create(Service("web") with { Spec = Service("web").Spec with { ClusterIP = "127.9.0.1" } }));
        Assert.Equal(422, error.StatusCode);
        Assert.Equal(
            "Service \"web\" is invalid: spec.clusterIPs: Invalid value: [\"127.9.0.1\"]: failed to allocate IP 127.9.0.1: the provided IP (127.9.0.1) is not in the valid range. The range of valid IPs is 127.2.0.0/16",
            error.Message);
    }

    [Fact]
    public void IPA_4_RequestedAddressAlreadyTaken()
    {
        var state = NewState();
        state.Create(Service("a") with { Spec = Service("a").Spec with { ClusterIP = "127.2.0.10" } });
        var error = Assert.Throws<ApiException>(() => state.Create(Service("b") with { Spec = Service("b").Spec with { ClusterIP = "127.2.0.10" } }));
        Assert.Equal("spec.clusterIPs: Invalid value: [\"127.2.0.10\"]: failed to allocate IP 127.2.0.10: provided IP is already allocated", Assert.Single(error.Causes).ToString());
    }

    [Fact]
    public void IPA_5_AFullRangeIsAnInternalError()
    {
        var state = NewState(configure: o => o with { ServiceCidr = "127.2.0.0/29" });
        for (var i = 0; i < 5; i++)
        {
            state.Create(Service($"s{i}"));
        }

        var error = Assert.Throws<ApiException>(() => state.Create(Service("full")));
        Assert.Equal(500, error.StatusCode);
        Assert.Equal("Internal error occurred: failed to allocate a serviceIP: range is full", error.Message);
    }

    [Fact]
    public void IPA_6_DeletedAddressesAreFreeAtOnceAndHeadlessGetsNone()
    {
        var state = NewState();
        var web = state.Create(Service("web"));
        state.Delete<Service>("default", "web");
        Assert.Equal(web.Spec.ClusterIP, state.Create(Service("again") with { Spec = Service("again").Spec with { ClusterIP = web.Spec.ClusterIP } }).Spec.ClusterIP);
        Assert.Equal("None", state.Create(Service("headless") with { Spec = Service("headless").Spec with { ClusterIP = "None" } }).Spec.ClusterIP);
    }

    [Fact]
    public void NPA_3_RequestedNodePortOutOfRange()
    {
        var state = NewState();
        var error = Assert.Throws<ApiException>(() => state.Create(NodePortService("web", 40000)));
        Assert.Equal(
            "Service \"web\" is invalid: spec.ports[0].nodePort: Invalid value: 40000: provided port is not in the valid range. The range of valid ports is 30000-32767",
            error.Message);
    }

    [Fact]
    public void NPA_3_RequestedNodePortTaken()
    {
        var state = NewState();
        state.Create(NodePortService("a", 30080));
        var error = Assert.Throws<ApiException>(() => state.Create(NodePortService("b", 30080)));
        Assert.Equal("spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated", Assert.Single(error.Causes).ToString());
    }

    [Fact]
    public void NPA_2_NodePortServicesGetAPortPerServicePort()
    {
        var state = NewState();
        var web = state.Create(NodePortService("web"));
        Assert.InRange(web.Spec.Ports[0].NodePort, 30086, 32767);
    }

    [Fact]
    public void NPA_7_UpdatesKeepNodePortsOfPortsThatStay()
    {
        var state = NewState();
        var web = state.Create(NodePortService("web"));
        var kept = web.Spec.Ports[0].NodePort;
        var updated = state.Update(NodePortService("web") with
        {
            Spec = NodePortService("web").Spec with { Ports = [new ServicePort { Name = "http", Port = 80 }, new ServicePort { Name = "admin", Port = 9000 }] },
        });
        Assert.Equal(kept, updated.Spec.Ports[0].NodePort);
        Assert.NotEqual(0, updated.Spec.Ports[1].NodePort);
    }

    [Fact]
    public void SVC_C1_ChangingToClusterIPReleasesNodePorts()
    {
        var state = NewState();
        state.Create(NodePortService("web", 30080));
        var clusterIP = state.Update(Service("web"));
        Assert.Equal(0, clusterIP.Spec.Ports[0].NodePort);
        state.Create(NodePortService("other", 30080));
    }

    [Fact]
    public void SVC_C2_ChangingToExternalNameReleasesTheClusterIP()
    {
        var state = NewState();
        var web = state.Create(Service("web"));
        var alias = state.Update(new Service
        {
            Metadata = new ObjectMeta { Name = "web" },
            Spec = new ServiceSpec { Type = ServiceTypes.ExternalName, ExternalName = "example.com" },
        });
        Assert.Equal("", alias.Spec.ClusterIP);
        state.Create(Service("again") with { Spec = Service("again").Spec with { ClusterIP = web.Spec.ClusterIP } });
    }

    [Fact]
    public void SVC_C3_ChangingFromExternalNameAllocatesAClusterIP()
    {
        var state = NewState();
        state.Create(new Service { Metadata = new ObjectMeta { Name = "web" }, Spec = new ServiceSpec { Type = ServiceTypes.ExternalName, ExternalName = "example.com" } });
        var web = state.Update(Service("web"));
        Assert.StartsWith("127.2.", web.Spec.ClusterIP, StringComparison.Ordinal);
    }

    [Fact]
    public void SVC_C4_NodePortToLoadBalancerKeepsNodePorts()
    {
        var state = NewState();
        var web = state.Create(NodePortService("web"));
        var lb = state.Update(NodePortService("web") with { Spec = NodePortService("web").Spec with { Type = ServiceTypes.LoadBalancer } });
        Assert.Equal(web.Spec.Ports[0].NodePort, lb.Spec.Ports[0].NodePort);
    }

    [Fact]
    public void M_1_ARefusedUpdateKeepsWhatTheStoredServiceHolds()
    {
        var state = NewState();
        state.Create(NodePortService("a", 30080));
        var b = state.Create(NodePortService("b", 30081));
        Assert.Throws<ApiException>(() => state.Update(NodePortService("b", 30080)));
        Assert.Equal(30081, state.Get<Service>("default", "b")!.Spec.Ports[0].NodePort);

        // 30081 is still held by b: a third Service cannot take it.
        var error = Assert.Throws<ApiException>(() => state.Create(NodePortService("c", 30081)));
        Assert.Contains("provided port is already allocated", error.Message, StringComparison.Ordinal);
        Assert.Equal(b.Metadata.Uid, state.Get<Service>("default", "b")!.Metadata.Uid);
    }
}
