using System.Net;
using System.Text;
using RoutingCore.Model;
using RoutingCore.Routing;
using static RoutingCore.Sockets.Tests.Client;

namespace RoutingCore.Sockets.Tests;

/// <summary>TLS passthrough by SNI with real handshakes through the proxy: the endpoint, not the proxy, holds the key.</summary>
public sealed class TlsPassthroughTests
{
    [Fact]
    public async Task Sni_RoutesARealHandshakeToTheServiceNamedForTheHost()
    {
        await using var cluster = ProxyCluster.Start();
        await using var a = TcpBackend.Start(cluster.PodEndPoint(1), handler: Tls.Server("pod-a", Tls.Certificate("a.example.test")));
        await using var b = TcpBackend.Start(cluster.PodEndPoint(2), handler: Tls.Server("pod-b", Tls.Certificate("*.b.example.test")));
        cluster.Put(ProxyCluster.Service("a"), ProxyCluster.Service("b"), cluster.Pod("a", 1), cluster.Pod("b", 2));
        var listener = cluster.Proxy.AddTlsPassthrough(Options(cluster));

        Assert.Equal(("CN=a.example.test", "pod-a:hello"), await Tls.AskAsync(listener.EndPoint, "a.example.test"));
        Assert.Equal(("CN=a.example.test", "pod-a:hello"), await Tls.AskAsync(listener.EndPoint, "A.Example.Test"));
        Assert.Equal(("CN=*.b.example.test", "pod-b:hello"), await Tls.AskAsync(listener.EndPoint, "shop.b.example.test"));
        Assert.Contains(cluster.Proxy.Listeners, l => l.Service == "tls-passthrough" && l.EndPoint.Equals(listener.EndPoint));
    }

    [Fact]
    public async Task Sni_AClientHelloWrittenOneByteAtATimeIsReassembled()
    {
        await using var cluster = ProxyCluster.Start();
        await using var a = TcpBackend.Start(cluster.PodEndPoint(1), handler: Tls.Server("pod-a", Tls.Certificate("a.example.test")));
        cluster.Put(ProxyCluster.Service("a"), cluster.Pod("a", 1));
        var listener = cluster.Proxy.AddTlsPassthrough(Options(cluster));

        Assert.Equal(("CN=a.example.test", "pod-a:hello"), await Tls.AskAsync(listener.EndPoint, "a.example.test", oneByteAtATime: true));
    }

    [Fact]
    public async Task Sni_NoServerNameGoesToTheDefaultTarget()
    {
        await using var cluster = ProxyCluster.Start();
        await using var fallback = TcpBackend.Start(cluster.PodEndPoint(9), handler: Tls.Server("default", Tls.Certificate("default.example.test")));
        var listener = cluster.Proxy.AddTlsPassthrough(Options(cluster) with { DefaultTarget = TlsPassthroughTarget.ToEndPoint(cluster.PodEndPoint(9)) });

        Assert.Equal(("CN=default.example.test", "default:hello"), await Tls.AskAsync(listener.EndPoint, listener.EndPoint.Address.ToString()));
        Assert.Equal(("CN=default.example.test", "default:hello"), await Tls.AskAsync(listener.EndPoint, "unknown.example.test"));
    }

    [Fact]
    public async Task Sni_BytesThatAreNotTlsReachTheDefaultUntouched()
    {
        await using var cluster = ProxyCluster.Start();
        await using var echo = TcpBackend.Start(cluster.PodEndPoint(9), handler: socket => TcpBackend.EchoAsync(socket, "echo"));
        var listener = cluster.Proxy.AddTlsPassthrough(Options(cluster) with { DefaultTarget = TlsPassthroughTarget.ToEndPoint(cluster.PodEndPoint(9)) });
        using var client = await ConnectAsync(listener.EndPoint);
        var request = Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: a.example.test\r\n\r\n");

        await client.SendAsync(request);

        Assert.Equal("echo", await ReadLineAsync(client));
        Assert.Equal(request, await ReadExactlyAsync(client, request.Length));
    }

    [Fact]
    public async Task Sni_WithoutADefaultAnUnroutableConnectionIsClosed()
    {
        await using var cluster = ProxyCluster.Start();
        var listener = cluster.Proxy.AddTlsPassthrough(Options(cluster));
        using var client = await ConnectAsync(listener.EndPoint);

        await client.SendAsync(ClientHelloBuilder.Build("nowhere.example.test"));

        Assert.Equal("reset", await ReadToEndAsync(client));
    }

    [Fact]
    public async Task Sni_AClientThatSaysNothingGoesToTheDefaultAfterTheTimeout()
    {
        await using var cluster = ProxyCluster.Start();
        await using var greeter = TcpBackend.Start(cluster.PodEndPoint(9), "smtp-like"); // the server speaks first
        var listener = cluster.Proxy.AddTlsPassthrough(Options(cluster) with
        {
            DefaultTarget = TlsPassthroughTarget.ToEndPoint(cluster.PodEndPoint(9)),
            ClientHelloTimeout = TimeSpan.FromSeconds(5),
        });
        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        listener.WaitingForClientHello += () => waiting.TrySetResult();
        using var client = await ConnectAsync(listener.EndPoint);

        var greeting = ReadLineAsync(client);
        await waiting.Task.WaitAsync(Timeout());
        cluster.Time.Advance(TimeSpan.FromSeconds(6));

        Assert.Equal("smtp-like", await greeting);
        Assert.Equal("EHLO\n"u8.ToArray(), await EchoAsync(client, "EHLO\n"u8.ToArray()));
    }

    [Fact]
    public async Task Sni_RoutesCanBeReplacedWhileTheListenerRuns()
    {
        await using var cluster = ProxyCluster.Start();
        await using var a = TcpBackend.Start(cluster.PodEndPoint(1), handler: Tls.Server("pod-a", Tls.Certificate("a.example.test")));
        await using var b = TcpBackend.Start(cluster.PodEndPoint(2), handler: Tls.Server("pod-b", Tls.Certificate("b.example.test")));
        cluster.Put(ProxyCluster.Service("a"), ProxyCluster.Service("b"), cluster.Pod("a", 1), cluster.Pod("b", 2));
        await using var listener = cluster.Proxy.AddTlsPassthrough(Options(cluster));

        listener.Routes = TlsPassthroughRoutes.Build([new("a.example.test", TlsPassthroughTarget.ToService("default", "b", new ServiceBackendPort { Name = "main" }))]);

        Assert.Equal("pod-b:hello", (await Tls.AskAsync(listener.EndPoint, "a.example.test")).Answer);
    }

    [Fact]
    public async Task Ingress_SslPassthroughAnnotatedIngressesBecomeRoutes()
    {
        await using var cluster = ProxyCluster.Start();
        var ingress = IngressController.AddTo(cluster.State, new IngressControllerOptions { WatchIngressWithoutClass = true });
        Ingress Ingress(string name, string host, string service, bool passthrough) => new()
        {
            Metadata = new ObjectMeta
            {
                Name = name,
                Namespace = "default",
                Annotations = passthrough ? Labels.Of((TlsPassthroughRoutes.Annotation, "true")) : Labels.Empty,
            },
            Spec = new IngressSpec
            {
                Rules =
                [
                    new IngressRule
                    {
                        Host = host,
                        Http = new HttpIngressRuleValue
                        {
                            Paths = [new HttpIngressPath { Path = "/", PathType = PathTypes.Prefix, Backend = new IngressBackend { Service = new IngressServiceBackend { Name = service, Port = new ServiceBackendPort { Number = 8000 } } } }],
                        },
                    },
                ],
            },
        };
        cluster.Put(Ingress("secure", "vault.example.test", "vault", passthrough: true), Ingress("plain", "www.example.test", "www", passthrough: false));

        var routes = TlsPassthroughRoutes.FromIngresses(cluster.State.Current, ingress.Current);

        Assert.Equal("service default/vault:8000", routes.Match("vault.example.test", "/").Value!.ToString());
        Assert.False(routes.Match("www.example.test", "/").HasValue);
    }

    private static TlsPassthroughOptions Options(ProxyCluster cluster) => new()
    {
        EndPoint = new IPEndPoint(cluster.Plan.ServiceIP(240), 0),
        Routes = TlsPassthroughRoutes.Build(
        [
            new("a.example.test", TlsPassthroughTarget.ToService("default", "a", new ServiceBackendPort { Number = 8000 })),
            new("*.b.example.test", TlsPassthroughTarget.ToService("default", "b", new ServiceBackendPort { Name = "main" })),
        ]),
    };
}
