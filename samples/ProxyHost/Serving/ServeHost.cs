using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using RoutingCore.AspNetCore.Hosting;
using RoutingCore.Kubernetes.Manifests;
using RoutingCore.Kubernetes.Watching;
using RoutingCore.Model;
using RoutingCore.ProxyHost.Cli;
using RoutingCore.ProxyHost.DemoPods;
using RoutingCore.Proxying;
using RoutingCore.Routing;
using RoutingCore.Sockets;
using RoutingCore.State;
using RoutingCore.Workloads;

namespace RoutingCore.ProxyHost.Serving;

/// <summary>
/// <c>serve</c>: applies the manifests (and re-applies them on change), runs the controllers and the demo pods, the L4
/// Service proxy on every ClusterIP, node port and LoadBalancer address, the L7 Ingress proxy on the HTTP and HTTPS
/// ports and the admin API on loopback, until Ctrl+C or SIGTERM.
/// </summary>
internal sealed class ServeHost
{
    private readonly ServeOptions _options;
    private readonly TextWriter _output;
    private volatile bool _stopping;
    private volatile bool _started;

    public ServeHost(ServeOptions options, TextWriter output)
    {
        _options = options;
        _output = output;
    }

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var plan = new AddressPlan
        {
            NodeAddress = _options.NodeAddress,
            PodCidr = _options.PodCidr,
            ServiceCidr = _options.ServiceCidr,
            LoadBalancerPool = _options.LoadBalancerPool,
            WatchIngressWithoutClass = _options.WatchIngressWithoutClass,
            IngressClass = _options.IngressClass,
        };
        var state = new ClusterState(plan.StoreOptions(TimeProvider.System));
        state.Create(plan.Node());
        state.Warning += (_, warning) => _output.WriteLine($"warning: {warning.Object}: {warning.Reason}: {warning.Message}");

        using var loggerFactory = LoggerFactory.Create(logging => logging.AddSimpleConsole(c => c.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        var node = IPAddress.Parse(_options.NodeAddress);
        await using var runtime = new DemoPodRuntime(loggerFactory.CreateLogger("DemoPods"),
            ingressProxy: new IngressProxyAddresses(new IPEndPoint(node, _options.HttpPort), new IPEndPoint(node, _options.HttpsPort)));
        runtime.PodEvent += line => _output.WriteLine(line);
        WorkloadsController.AddTo(state, runtime);

        // The L4 proxy: a listener on every ClusterIP, node port and LoadBalancer address (what kube-proxy does).
        await using var services = ServiceProxy.AddTo(state, new ServiceProxyOptions { NodeName = plan.NodeName, NodeAddresses = [plan.NodeAddress] });
        services.ListenerFailed += (_, fault) => _output.WriteLine($"listener failed: {fault.Message}");
        services.Start();

        var manifests = new ManifestSet(state, _options.Manifests);
        using var watcher = new ManifestWatcher(manifests);
        var first = watcher.Start();
        Report(first, reload: false);
        watcher.Applied += (_, result) =>
        {
            // Settle the controllers first, so that "reloaded" means the new routes are in effect.
            state.Sync();
            Report(result, reload: true);
            Reloaded?.Invoke(result);
        };
        if (!first.Succeeded)
        {
            return 1;
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders().AddSimpleConsole(c => c.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = _options.ShutdownGrace);
        builder.Services.AddRoutingCore(state, proxy =>
        {
            proxy.Ingress = plan.IngressOptions(_options.HttpPort, _options.HttpsPort);
            if (_options.ControllerConfigMap?.Split('/') is [var ns, var name])
            {
                proxy.ConfigMapNamespace = ns;
                proxy.ConfigMapName = name;
            }
        });
        builder.Services.AddRouting();
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter("RoutingCore").AddPrometheusExporter());
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(node, _options.HttpPort);
            kestrel.Listen(node, _options.HttpsPort, listen => listen.UseRoutingCoreHttps());
            kestrel.Listen(IPAddress.Loopback, _options.AdminPort);
        });

        await using var app = builder.Build();
        var ingress = app.Services.GetRequiredService<IngressController>();
        if (_options.ControllerConfigMap is null)
        {
            // Like ingress-nginx, take the ConfigMap the controller Deployment's --configmap flag names.
            state.AddController(new ControllerConfigMapTracker(app.Services.GetRequiredService<RoutingCoreProxy>(), _output));
        }

        app.MapWhen(context => context.Connection.LocalPort == _options.AdminPort, admin =>
        {
            admin.UseOpenTelemetryPrometheusScrapingEndpoint();
            admin.UseRouting();
            admin.UseEndpoints(endpoints => AdminApi.Map(endpoints, state, ingress, () => Readiness(state)));
        });
        app.UseRoutingCore();

        var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
        lifetime.ApplicationStopping.Register(() =>
        {
            _stopping = true;
            _output.WriteLine($"shutting down: /readyz fails, in-flight requests get up to {_options.ShutdownGrace.TotalSeconds:0} s");
        });

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        _started = true;
        PrintListeners(state);
        await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        return 0;
    }

    /// <summary>Raised after each re-apply of the manifests (for tests and embedding hosts).</summary>
    public event Action<ManifestApplyResult>? Reloaded;

    /// <summary>Ready once started, not stopping, and every pod the demo runtime can run is ready and routed to.</summary>
    private (bool Ready, string Reason) Readiness(ClusterState state)
    {
        if (_stopping)
        {
            return (false, "shutting down");
        }

        if (!_started)
        {
            return (false, "starting");
        }

        // Settle the controllers first: a pod that just turned ready is then in the EndpointSlices and in the L4 and
        // L7 tables, so "ready" means the data plane serves it (Sync returns at once when nothing is pending).
        state.Sync();

        // Pods the demo runtime cannot run (their reason says why) are reported, not waited for.
        var waiting = state.List<Pod>()
            .Where(p => !p.IsReady && !p.IsTerminating && p.Status.Reason is not ("ImageNotSupported" or "ListenFailed")
                && p.Spec.Containers.All(c => DemoImage.Classify(c.Image) != DemoImageKind.Unsupported))
            .Select(p => $"{p.Metadata.Namespace}/{p.Metadata.Name}")
            .ToList();
        return waiting.Count == 0 ? (true, "ok") : (false, "waiting for pods: " + string.Join(", ", waiting));
    }

    private void Report(ManifestApplyResult result, bool reload)
    {
        foreach (var warning in result.Warnings)
        {
            _output.WriteLine(warning);
        }

        foreach (var error in result.Errors)
        {
            _output.WriteLine(error);
        }

        _output.WriteLine(result.Succeeded
            ? $"{(reload ? "reloaded" : "applied")} {result.Applied.Count} objects from {string.Join(", ", _options.Manifests)}{(result.Pruned.Count > 0 ? $", pruned {result.Pruned.Count}" : "")}"
            : $"{(reload ? "reload refused" : "manifests refused")}: {result.Errors.Count} error(s); {(reload ? "the previous configuration keeps serving" : "nothing applied")}");
    }

    private void PrintListeners(ClusterState state)
    {
        _output.WriteLine($"ingress proxy: http://{_options.NodeAddress}:{_options.HttpPort}  https://{_options.NodeAddress}:{_options.HttpsPort}");
        _output.WriteLine($"admin API:     http://127.0.0.1:{_options.AdminPort}  (/readyz /healthz /metrics /explain?url= /lint /api/v1/...)");
        foreach (var service in state.List<Service>())
        {
            var ports = string.Join(", ", service.Spec.Ports.Select(p => p.NodePort != 0 ? $"{p.Port}:{p.NodePort}/{p.Protocol}" : $"{p.Port}/{p.Protocol}"));
            var external = service.Status.LoadBalancer.Ingress.FirstOrDefault()?.Ip;
            _output.WriteLine($"service {service.Metadata.Namespace}/{service.Metadata.Name}: {service.Spec.Type} {service.Spec.ClusterIP} {ports}{(external is null ? "" : " external " + external)}");
        }
    }
}
