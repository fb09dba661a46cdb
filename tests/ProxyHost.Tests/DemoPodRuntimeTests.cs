using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using RoutingCore.Model;
using RoutingCore.ProxyHost.DemoPods;
using RoutingCore.State;
using RoutingCore.Validation;
using RoutingCore.Workloads;

namespace RoutingCore.ProxyHost.Tests;

public sealed class DemoPodRuntimeTests : IAsyncLifetime
{
    private readonly ClusterState _state = new(new ClusterStateOptions
    {
        PodCidr = "127.24.0.0/16",
        ServiceCidr = "127.25.0.0/16",
        RandomSeed = 7,
        Validation = new ValidationOptions { AllowLoopbackAddresses = true },
    });

    private readonly DemoPodRuntime _runtime = new(NullLogger.Instance, TimeSpan.FromSeconds(1));
    private readonly CancellationTokenSource _stop = new();
    private readonly HttpClient _client = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };
    private Task _controllers = Task.CompletedTask;

    public ValueTask InitializeAsync()
    {
        WorkloadsController.AddTo(_state, _runtime);
        _controllers = _state.RunControllersAsync(_stop.Token);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _controllers;
        await _runtime.DisposeAsync();
        _client.Dispose();
        _stop.Dispose();
    }

    private static Pod EchoPod(string name, Probe? probe = null) => new()
    {
        Metadata = new ObjectMeta { Name = name, Labels = Labels.Of(("app", name)) },
        Spec = new PodSpec
        {
            Containers =
            [
                new Container
                {
                    Name = "echo",
                    Image = "registry.k8s.io/ingressconformance/echoserver:v0.0.1",
                    Env =
                    [
                        new EnvVar("HTTP_PORT", "3001"),
                        new EnvVar("POD_NAME", ValueFrom: new EnvVarSource(new ObjectFieldSelector("metadata.name"))),
                        new EnvVar("NAMESPACE", ValueFrom: new EnvVarSource(new ObjectFieldSelector("metadata.namespace"))),
                        new EnvVar("SERVICE_NAME", "echo-svc"),
                    ],
                    Ports = [new ContainerPort { Name = "http", ContainerPortNumber = 3001 }],
                    ReadinessProbe = probe,
                },
            ],
        },
    };

    private async Task<Pod> WaitForAsync(string name, Func<Pod, bool> condition)
    {
        using var watch = _state.Watch();
        if (_state.Get<Pod>("default", name) is { } now && condition(now))
        {
            return now;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await foreach (var change in watch.Events.ReadAllAsync(timeout.Token))
        {
            if (change.Object is Pod pod && pod.Name == name && change.Type != WatchEventType.Deleted && condition(pod))
            {
                return pod;
            }
        }

        throw new TimeoutException(name);
    }

    [Fact]
    public async Task EchoServerPodsAnswerWithTheConformanceJsonOnceReady()
    {
        _state.Create(EchoPod("echo-a"));
        var pod = await WaitForAsync("echo-a", p => p.IsReady);

        var url = $"http://{pod.Status.PodIP}:3001/some/path?x=1";
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("X-Test", ["a", "b"]);
        using var response = await _client.SendAsync(request, TestContext.Current.CancellationToken);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        Assert.Equal("/some/path?x=1", json.GetProperty("path").GetString());
        Assert.Equal($"{pod.Status.PodIP}:3001", json.GetProperty("host").GetString());
        Assert.Equal("GET", json.GetProperty("method").GetString());
        Assert.Equal("HTTP/1.1", json.GetProperty("proto").GetString());
        Assert.Equal(["a, b"], json.GetProperty("headers").GetProperty("X-Test").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(("default", "echo-svc", "echo-a", ""), (json.GetProperty("namespace").GetString(), json.GetProperty("service").GetString(), json.GetProperty("pod").GetString(), json.GetProperty("ingress").GetString()));
        Assert.Equal("OK", await _client.GetStringAsync($"http://{pod.Status.PodIP}:3001/health", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task HttpGetReadinessProbesAreHonoured()
    {
        _state.Create(EchoPod("probed", new Probe { HttpGet = new HttpGetAction("/health", "http"), PeriodSeconds = 1 }));
        var pod = await WaitForAsync("probed", p => p.IsReady);
        Assert.Equal(PodPhases.Running, pod.Status.Phase);
    }

    [Fact]
    public async Task NginxPodsServeTheWelcomePage()
    {
        _state.Create(new Pod
        {
            Metadata = new ObjectMeta { Name = "web" },
            Spec = new PodSpec { Containers = [new Container { Name = "nginx", Image = "nginx:1.27" }] },
        });
        var pod = await WaitForAsync("web", p => p.IsReady || p.Status.Reason == "ListenFailed");
        Assert.True(pod.IsReady, pod.Status.Message); // port 80: the test process runs with the privilege CI has
        Assert.Contains("Welcome to nginx!", await _client.GetStringAsync($"http://{pod.Status.PodIP}/", TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OtherImagesStayPendingWithTheReason()
    {
        _state.Create(new Pod
        {
            Metadata = new ObjectMeta { Name = "db" },
            Spec = new PodSpec { Containers = [new Container { Name = "db", Image = "postgres:16" }] },
        });
        var pod = await WaitForAsync("db", p => p.Status.Reason == "ImageNotSupported");
        Assert.Equal(PodPhases.Pending, pod.Status.Phase);
        Assert.Contains("echoserver", pod.Status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeletedPodsStopListening()
    {
        _state.Create(EchoPod("gone"));
        var pod = await WaitForAsync("gone", p => p.IsReady);
        using var watch = _state.Watch();
        _state.Delete<Pod>("default", "gone");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await foreach (var change in watch.Events.ReadAllAsync(timeout.Token))
        {
            if (change is { Type: WatchEventType.Deleted, Object: Pod { Name: "gone" } })
            {
                break;
            }
        }

        // Stopping is asynchronous; poll the socket state via the runtime's event instead of sleeping.
        var stopped = new TaskCompletionSource();
        _runtime.PodEvent += line => { if (line.Contains("gone stopped", StringComparison.Ordinal)) { stopped.TrySetResult(); } };
        if (!await IsRefusedAsync(pod.Status.PodIP!))
        {
            await stopped.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        }

        Assert.True(await IsRefusedAsync(pod.Status.PodIP!));
    }

    private async Task<bool> IsRefusedAsync(string ip)
    {
        try
        {
            using var response = await _client.GetAsync($"http://{ip}:3001/health", TestContext.Current.CancellationToken);
            return false;
        }
        catch (HttpRequestException)
        {
            return true;
        }
    }
}
