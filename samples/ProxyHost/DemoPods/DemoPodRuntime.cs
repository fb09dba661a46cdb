using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using RoutingCore.Model;
using RoutingCore.Workloads;

namespace RoutingCore.ProxyHost.DemoPods;

/// <summary>
/// The sample host's pod runtime: runs echoserver and nginx containers in-process on the pod's IP (a 127.x address, so
/// nothing leaves the machine). A pod turns ready once every container really listens and its httpGet readiness probe,
/// if any, succeeds; a pod with an image the runtime cannot run stays Pending with the reason.
/// </summary>
internal sealed class DemoPodRuntime : IPodRuntime, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, DemoPod> _pods = new(StringComparer.Ordinal);
    private readonly ILogger _logger;
    private readonly HttpClient _probes = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(5) };
    private readonly CancellationTokenSource _stopping = new();

    public DemoPodRuntime(ILogger logger, TimeSpan? stopGrace = null, IngressProxyAddresses? ingressProxy = null)
    {
        _logger = logger;
        StopGrace = stopGrace ?? TimeSpan.FromSeconds(5);
        IngressProxy = ingressProxy;
    }

    /// <summary>Where ingress-nginx controller pods forward their HTTP and HTTPS ports; null leaves them Pending.</summary>
    public IngressProxyAddresses? IngressProxy { get; }

    /// <summary>How long a stopping pod's servers may finish in-flight requests.</summary>
    public TimeSpan StopGrace { get; }

    /// <inheritdoc />
    public int TerminationGracePeriodSeconds => (int)Math.Ceiling(StopGrace.TotalSeconds) + 1;

    /// <summary>Raised when a pod's state changes (started, ready, waiting, stopped), with a one-line description.</summary>
    public event Action<string>? PodEvent;

    /// <inheritdoc />
    public void Start(PodHandle pod)
    {
        var demo = new DemoPod(pod, _stopping.Token);
        _pods[Key(pod)] = demo;
        demo.Run = Task.Run(() => RunAsync(demo, demo.Token));
    }

    /// <inheritdoc />
    public void Stop(PodHandle pod)
    {
        if (_pods.TryRemove(Key(pod), out var demo))
        {
            _ = Task.Run(async () =>
            {
                await demo.StopAsync(StopGrace).ConfigureAwait(false);
                pod.ReportStopped();
                PodEvent?.Invoke($"pod {pod.Namespace}/{pod.Name} stopped");
            });
        }
        else
        {
            pod.ReportStopped();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        foreach (var demo in _pods.Values)
        {
            await demo.StopAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        }

        _pods.Clear();
        _probes.Dispose();
        _stopping.Dispose();
    }

    private async Task RunAsync(DemoPod demo, CancellationToken stopping)
    {
        var pod = demo.Handle.Pod;
        var address = IPAddress.Parse(pod.Status.PodIP!);
        foreach (var container in pod.Spec.Containers)
        {
            var kind = DemoImage.Classify(container.Image);
            if (kind == DemoImageKind.IngressController && IngressProxy is { } proxy)
            {
                if (!await StartControllerAsync(demo, address, container, proxy, stopping).ConfigureAwait(false))
                {
                    return;
                }

                continue;
            }

            if (kind is DemoImageKind.Unsupported or DemoImageKind.IngressController)
            {
                demo.Handle.ReportWaiting("ImageNotSupported", $"container {container.Name} has image \"{container.Image}\": {DemoImage.Supported}");
                PodEvent?.Invoke($"pod {demo.Handle.Namespace}/{demo.Handle.Name} stays Pending: image \"{container.Image}\" is not run by the demo runtime");
                return;
            }

            var env = PodEnvironment.For(pod, container);
            var port = kind == DemoImageKind.Nginx ? 80
                : kind == DemoImageKind.DefaultBackend ? 8080
                : env.TryGetValue("HTTP_PORT", out var text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : 3000;
            try
            {
                demo.Servers.Add(await DemoContainerServer.StartAsync(kind, new IPEndPoint(address, port), env, stopping).ConfigureAwait(false));
            }
            catch (Exception error) when (error is IOException or SocketException or InvalidOperationException)
            {
                ReportListenFailed(demo, container, address, port, error);
                return;
            }
        }

        demo.Handle.ReportRunning(ready: false, "Started", "listening; waiting for readiness");
        await ProbeUntilStoppedAsync(demo, address, stopping).ConfigureAwait(false);
    }

    /// <summary>
    /// The ingress-nginx controller pod: the host is the controller, so its HTTP and HTTPS ports forward to the host's
    /// Ingress proxy (a NodePort or LoadBalancer Service in front of the controller then reaches the proxy, as in a
    /// cluster), and its health port answers <c>/healthz</c>, which the controller's readiness probe asks.
    /// </summary>
    private async Task<bool> StartControllerAsync(DemoPod demo, IPAddress address, Container container, IngressProxyAddresses proxy, CancellationToken stopping)
    {
        var controller = IngressControllerPod.Read(demo.Handle.Pod, container);
        var port = 0;
        try
        {
            port = controller.HttpPort;
            demo.Servers.Add(TcpForwarder.Start(new IPEndPoint(address, port), proxy.Http));
            port = controller.HttpsPort;
            demo.Servers.Add(TcpForwarder.Start(new IPEndPoint(address, port), proxy.Https));
            port = controller.HealthPort;
            demo.Servers.Add(await DemoContainerServer.StartAsync(DemoImageKind.DefaultBackend, new IPEndPoint(address, port), new Dictionary<string, string>(), stopping).ConfigureAwait(false));
            PodEvent?.Invoke($"pod {demo.Handle.Namespace}/{demo.Handle.Name} is this host's ingress controller: {address}:{controller.HttpPort} -> {proxy.Http}, {address}:{controller.HttpsPort} -> {proxy.Https}");
            return true;
        }
        catch (Exception error) when (error is IOException or SocketException or InvalidOperationException)
        {
            ReportListenFailed(demo, container, address, port, error);
            return false;
        }
    }

    private void ReportListenFailed(DemoPod demo, Container container, IPAddress address, int port, Exception error)
    {
        var fix = port < 1024 ? " (ports below 1024 need privilege: run `sudo sysctl net.ipv4.ip_unprivileged_port_start=0` or grant CAP_NET_BIND_SERVICE)" : "";
        demo.Handle.ReportWaiting("ListenFailed", $"container {container.Name} cannot listen on {address}:{port}: {error.Message}{fix}");
        PodEvent?.Invoke($"pod {demo.Handle.Namespace}/{demo.Handle.Name} cannot listen on {address}:{port}{fix}");
        _logger.LogWarning("Pod {Namespace}/{Name} cannot listen on {Address}:{Port}: {Reason}", demo.Handle.Namespace, demo.Handle.Name, address, port, error.Message);
    }

    /// <summary>Honours httpGet readiness probes; without one a listening pod is ready at once.</summary>
    private async Task ProbeUntilStoppedAsync(DemoPod demo, IPAddress address, CancellationToken stopping)
    {
        var container = demo.Handle.Pod.Spec.Containers.FirstOrDefault(c => c.ReadinessProbe?.HttpGet is not null);
        if (container?.ReadinessProbe is not { HttpGet: { } get } probe)
        {
            SetReady(demo, true);
            return;
        }

        var port = get.Port.IsName
            ? container.Ports.FirstOrDefault(p => p.Name == get.Port.Name)?.ContainerPortNumber ?? 0
            : get.Port.Number;
        var url = new Uri($"http://{(address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString())}:{port}{(get.Path.StartsWith('/') ? get.Path : "/" + get.Path)}");
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, probe.PeriodSeconds)));
        int successes = 0, failures = 0;
        try
        {
            if (probe.InitialDelaySeconds > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(probe.InitialDelaySeconds), stopping).ConfigureAwait(false);
            }

            do
            {
                if (demo.IsStopping)
                {
                    return;
                }

                bool ok;
                try
                {
                    using var response = await _probes.GetAsync(url, stopping).ConfigureAwait(false);
                    ok = (int)response.StatusCode is >= 200 and < 400;
                }
                catch (HttpRequestException)
                {
                    ok = false;
                }
                catch (TaskCanceledException) when (!stopping.IsCancellationRequested)
                {
                    ok = false;
                }

                (successes, failures) = ok ? (successes + 1, 0) : (0, failures + 1);
                if (successes >= Math.Max(1, probe.SuccessThreshold))
                {
                    SetReady(demo, true);
                }
                else if (failures >= Math.Max(1, probe.FailureThreshold))
                {
                    SetReady(demo, false);
                }
            }
            while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private void SetReady(DemoPod demo, bool ready)
    {
        if (demo.Ready == ready || demo.IsStopping)
        {
            return;
        }

        demo.Ready = ready;
        demo.Handle.ReportRunning(ready);
        PodEvent?.Invoke($"pod {demo.Handle.Namespace}/{demo.Handle.Name} {(ready ? "ready" : "not ready")} at {demo.Handle.Pod.Status.PodIP}");
    }

    private static string Key(PodHandle pod) => pod.Namespace + "/" + pod.Name + "/" + pod.Uid;

    private sealed class DemoPod(PodHandle handle, CancellationToken runtimeStopping)
    {
        private readonly CancellationTokenSource _cancel = CancellationTokenSource.CreateLinkedTokenSource(runtimeStopping);
        private int _stopping;

        public PodHandle Handle { get; } = handle;

        public CancellationToken Token => _cancel.Token;

        public List<IDemoServer> Servers { get; } = [];

        public Task Run { get; set; } = Task.CompletedTask;

        public bool? Ready { get; set; }

        public bool IsStopping => Volatile.Read(ref _stopping) != 0;

        public async Task StopAsync(TimeSpan grace)
        {
            if (Interlocked.Exchange(ref _stopping, 1) != 0)
            {
                return;
            }

            await _cancel.CancelAsync().ConfigureAwait(false);
            try
            {
                await Run.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            foreach (var server in Servers)
            {
                await server.StopAsync(grace).ConfigureAwait(false);
                await server.DisposeAsync().ConfigureAwait(false);
            }

            _cancel.Dispose();
        }
    }
}
