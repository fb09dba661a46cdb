using System.Net;
using System.Net.Sockets;
using RoutingCore.Kubernetes.Manifests;
using RoutingCore.ProxyHost.Serving;

namespace RoutingCore.ProxyHost.Tests;

/// <summary>
/// <c>serve</c> in this process on a copy of the bundled manifests, on free loopback ports and in address ranges of the
/// caller's own (test classes run side by side and must never bind the same address). Ready when started; stopped,
/// and its manifest copy deleted, on dispose.
/// </summary>
internal sealed class InProcessServe : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly StringWriter _log = new();

    private InProcessServe(string nodeAddress, string podCidr, string serviceCidr, string loadBalancerPool)
    {
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "manifests")))
        {
            File.Copy(file, Path.Combine(Manifests.FullName, Path.GetFileName(file)));
        }

        (HttpPort, var https, AdminPort) = (FreePort(), FreePort(), FreePort());
        Host = new ServeHost(new ServeOptions
        {
            Manifests = [Manifests.FullName],
            HttpPort = HttpPort,
            HttpsPort = https,
            AdminPort = AdminPort,
            ShutdownGrace = TimeSpan.FromSeconds(2),
            NodeAddress = nodeAddress,
            PodCidr = podCidr,
            ServiceCidr = serviceCidr,
            LoadBalancerPool = loadBalancerPool,
        }, TextWriter.Synchronized(_log));
        Run = Host.RunAsync(_stop.Token);
    }

    /// <summary>The host.</summary>
    public ServeHost Host { get; }

    /// <summary>The host's run; its result is the exit code.</summary>
    public Task<int> Run { get; }

    /// <summary>The copy of the bundled manifests the host serves (tests may edit it).</summary>
    public DirectoryInfo Manifests { get; } = Directory.CreateTempSubdirectory("rc-serve-");

    /// <summary>The Ingress proxy's HTTP port.</summary>
    public int HttpPort { get; }

    /// <summary>The admin API's port (on 127.0.0.1).</summary>
    public int AdminPort { get; }

    /// <summary>The admin API's base URL.</summary>
    public string Admin => $"http://127.0.0.1:{AdminPort}";

    /// <summary>A client for the proxy and the admin API: no proxy, a new connection per request.</summary>
    public HttpClient Client { get; } = new(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.Zero }) { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>What the host has printed.</summary>
    public string Log => _log.ToString();

    /// <summary>Starts the host and waits until <c>/readyz</c> answers 200.</summary>
    public static async Task<InProcessServe> StartAsync(string nodeAddress, string podCidr, string serviceCidr, string loadBalancerPool)
    {
        var serve = new InProcessServe(nodeAddress, podCidr, serviceCidr, loadBalancerPool);
        try
        {
            await serve.WaitReadyAsync();
            return serve;
        }
        catch
        {
            await serve.DisposeAsync();
            throw;
        }
    }

    /// <summary>Begins the shutdown Ctrl+C or SIGTERM would.</summary>
    public Task StopAsync() => _stop.CancelAsync();

    /// <summary>The result of the next re-apply of the manifests.</summary>
    public Task<ManifestApplyResult> NextReload()
    {
        var next = new TaskCompletionSource<ManifestApplyResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Handler(ManifestApplyResult result)
        {
            Host.Reloaded -= Handler;
            next.TrySetResult(result);
        }

        Host.Reloaded += Handler;
        return next.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Run.WaitAsync(TimeSpan.FromSeconds(60));
        Client.Dispose();
        _stop.Dispose();
        Manifests.Delete(recursive: true);
    }

    internal static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>Polls /readyz (the host's readiness check) until it answers 200.</summary>
    private async Task WaitReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            if (Run.IsCompleted)
            {
                throw new InvalidOperationException($"serve exited with {await Run}:\n{Log}");
            }

            try
            {
                using var response = await Client.GetAsync($"{Admin}/readyz");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("not ready:\n" + Log);
            }

            await Task.Delay(100);
        }
    }
}
