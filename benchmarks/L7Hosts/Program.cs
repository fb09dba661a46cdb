// The three hosts of the L7 load benchmark (benchmarks/l7/run.sh), one process each:
//   backend <port>                        answers every request with a 2-byte body
//   routingcore <port> <backendPort> <N>  RoutingCore's Ingress proxy, N host rules h0.example .. h{N-1}.example
//   yarp <port> <backendPort> <N>         plain YARP with the same N routes (host match, catch-all path)
// Both proxies forward HTTP/1.1 to the same backend endpoint, add X-Forwarded-*, and log nothing.
// Each prints "ready" once it listens.
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RoutingCore.AspNetCore.Hosting;
using RoutingCore.Model;
using RoutingCore.State;
using RoutingCore.Validation;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

var mode = args[0];
var port = int.Parse(args[1], CultureInfo.InvariantCulture);
var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
WebApplication app;
switch (mode)
{
    case "backend":
        app = builder.Build();
        var ok = "ok"u8.ToArray();
        app.Run(context =>
        {
            context.Response.ContentLength = ok.Length;
            return context.Response.Body.WriteAsync(ok).AsTask();
        });
        break;

    case "routingcore":
        var state = new ClusterState(new ClusterStateOptions { PodCidr = null, Validation = new ValidationOptions { AllowLoopbackAddresses = true } });
        state.ApplyBatch(RoutingCoreObjects(int.Parse(args[2], CultureInfo.InvariantCulture), int.Parse(args[3], CultureInfo.InvariantCulture)));
        builder.Services.AddRoutingCore(state, o =>
        {
            o.Ingress = o.Ingress with { WatchIngressWithoutClass = true };
            o.Defaults = o.Defaults with { KeepAliveRequests = int.MaxValue };
        });
        app = builder.Build();
        app.UseRoutingCore();
        state.Sync();
        break;

    case "yarp":
        var routes = Enumerable.Range(0, int.Parse(args[3], CultureInfo.InvariantCulture)).Select(i => new RouteConfig
        {
            RouteId = "r" + i,
            ClusterId = "backend",
            Match = new RouteMatch { Hosts = [$"h{i}.example"], Path = "/{**catch-all}" },
        }).ToArray();
        var cluster = new ClusterConfig
        {
            ClusterId = "backend",
            HttpRequest = new ForwarderRequestConfig { Version = HttpVersion.Version11, VersionPolicy = HttpVersionPolicy.RequestVersionOrLower },
            Destinations = new Dictionary<string, DestinationConfig> { ["d"] = new() { Address = "http://127.0.0.1:" + args[2] } },
        };
        builder.Services.AddReverseProxy().LoadFromMemory(routes, [cluster]);
        app = builder.Build();
        app.MapReverseProxy();
        break;

    default:
        throw new ArgumentException("mode: backend, routingcore or yarp");
}

await app.StartAsync();
Console.WriteLine("ready");
await app.WaitForShutdownAsync();

static IEnumerable<KubeObject> RoutingCoreObjects(int backendPort, int routes)
{
    yield return new Service
    {
        Metadata = new ObjectMeta { Name = "backend", Namespace = "default" },
        Spec = new ServiceSpec { Ports = [new ServicePort { Name = "http", Port = 80, TargetPort = 8080 }] },
    };
    yield return new EndpointSlice
    {
        Metadata = new ObjectMeta { Name = "backend-0", Namespace = "default", Labels = Labels.Of((EndpointSlice.ServiceNameLabel, "backend")) },
        AddressType = AddressTypes.IPv4,
        Endpoints = [new RoutingCore.Model.Endpoint { Addresses = ["127.0.0.1"], Conditions = new EndpointConditions(true) }],
        Ports = [new EndpointPort("http", "TCP", backendPort)],
    };

    // One Ingress per 100 hosts, each host a Prefix "/" rule to the backend.
    for (var first = 0; first < routes; first += 100)
    {
        yield return new Ingress
        {
            Metadata = new ObjectMeta { Name = "hosts-" + first.ToString(CultureInfo.InvariantCulture), Namespace = "default" },
            Spec = new IngressSpec
            {
                Rules = [.. Enumerable.Range(first, Math.Min(100, routes - first)).Select(i => new IngressRule
                {
                    Host = $"h{i}.example",
                    Http = new HttpIngressRuleValue
                    {
                        Paths = [new HttpIngressPath
                        {
                            Path = "/",
                            PathType = PathTypes.Prefix,
                            Backend = new IngressBackend { Service = new IngressServiceBackend { Name = "backend", Port = new ServiceBackendPort { Number = 80 } } },
                        }],
                    },
                })],
            },
        };
    }
}
