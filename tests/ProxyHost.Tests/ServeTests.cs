using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace RoutingCore.ProxyHost.Tests;

/// <summary>
/// End to end: <c>serve</c> on free loopback ports with the bundled manifests — Ingress path and host routing through
/// the proxy to real demo pods, the default backend's 404, the admin API, and live reload.
/// </summary>
public sealed class ServeTests : IAsyncLifetime
{
    private InProcessServe _serve = null!;

    // Ranges of their own, so that test assemblies and classes running side by side never bind the same pod address.
    public async ValueTask InitializeAsync() =>
        _serve = await InProcessServe.StartAsync("127.20.0.1", "127.21.0.0/16", "127.22.0.0/16", "127.23.0.0/24");

    public ValueTask DisposeAsync() => _serve.DisposeAsync();

    private async Task<(HttpStatusCode Status, string Body)> GetAsync(string host, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.20.0.1:{_serve.HttpPort}{path}");
        request.Headers.Host = host;
        using var response = await _serve.Client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<string?> ServiceOfAsync(string host, string path)
    {
        var (status, body) = await GetAsync(host, path);
        return status == HttpStatusCode.OK ? JsonDocument.Parse(body).RootElement.GetProperty("service").GetString() : null;
    }

    [Fact]
    public async Task PathAndHostRoutingReachTheDemoPods()
    {
        Assert.Equal("foo", await ServiceOfAsync("www.example.com", "/foo"));
        Assert.Equal("bar", await ServiceOfAsync("www.example.com", "/bar/baz"));
        Assert.Equal("foo", await ServiceOfAsync("foo.example.com", "/anything"));
        Assert.Equal("bar", await ServiceOfAsync("bar.example.com", "/"));

        var (_, body) = await GetAsync("www.example.com", "/foo/x?y=1");
        var echo = JsonDocument.Parse(body).RootElement;
        Assert.Equal("/foo/x?y=1", echo.GetProperty("path").GetString());
        Assert.Equal("www.example.com", echo.GetProperty("host").GetString());
        Assert.StartsWith("foo-", echo.GetProperty("pod").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServicesAnswerOnTheirClusterIPNodePortAndLoadBalancerAddress()
    {
        var service = JsonDocument.Parse(await _serve.Client.GetStringAsync($"http://127.0.0.1:{_serve.AdminPort}/api/v1/namespaces/default/services/front-end-service")).RootElement;
        var clusterIP = service.GetProperty("spec").GetProperty("clusterIP").GetString();
        foreach (var url in (string[])[$"http://{clusterIP}/", "http://127.20.0.1:30008/", "http://127.23.0.1/"])
        {
            Assert.Contains("Welcome to nginx!", await _serve.Client.GetStringAsync(url), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task UnknownHostsGetTheDefaultBackend404()
    {
        var (status, body) = await GetAsync("nothing.example.org", "/");
        Assert.Equal((HttpStatusCode.NotFound, "default backend - 404"), (status, body));
        var explain = await _serve.Client.GetStringAsync($"http://127.0.0.1:{_serve.AdminPort}/explain?url=http://nothing.example.org/");
        Assert.Contains("Ingress default/default-backend spec.defaultBackend", explain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAdminApiServesObjectsMetricsAndLint()
    {
        var service = JsonDocument.Parse(await _serve.Client.GetStringAsync($"http://127.0.0.1:{_serve.AdminPort}/api/v1/namespaces/default/services/myapp-service")).RootElement;
        Assert.Equal(30008, service.GetProperty("spec").GetProperty("ports")[0].GetProperty("nodePort").GetInt32());
        Assert.StartsWith("127.22.", service.GetProperty("spec").GetProperty("clusterIP").GetString(), StringComparison.Ordinal);

        var lb = JsonDocument.Parse(await _serve.Client.GetStringAsync($"http://127.0.0.1:{_serve.AdminPort}/api/v1/namespaces/default/services/myapp-lb")).RootElement;
        Assert.Equal("127.23.0.1", lb.GetProperty("status").GetProperty("loadBalancer").GetProperty("ingress")[0].GetProperty("ip").GetString());

        var ingresses = JsonDocument.Parse(await _serve.Client.GetStringAsync($"http://127.0.0.1:{_serve.AdminPort}/apis/networking.k8s.io/v1/ingresses")).RootElement;
        Assert.Equal(3, ingresses.GetProperty("items").GetArrayLength());
        Assert.Equal("127.20.0.1", ingresses.GetProperty("items")[0].GetProperty("status").GetProperty("loadBalancer").GetProperty("ingress")[0].GetProperty("ip").GetString());

        // Legacy Endpoints (EP-2) for `get endpoints`: the foo Deployment's two ready pods.
        var endpoints = JsonDocument.Parse(await _serve.Client.GetStringAsync($"http://127.0.0.1:{_serve.AdminPort}/api/v1/namespaces/default/endpoints/foo")).RootElement;
        var addresses = endpoints.GetProperty("subsets")[0].GetProperty("addresses").EnumerateArray().Select(a => a.GetProperty("ip").GetString()!).ToList();
        Assert.Equal(2, addresses.Count);
        Assert.All(addresses, ip => Assert.StartsWith("127.21.", ip, StringComparison.Ordinal));

        using var missing = await _serve.Client.GetAsync($"http://127.0.0.1:{_serve.AdminPort}/api/v1/namespaces/default/pods/nope");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        await ServiceOfAsync("www.example.com", "/foo");
        Assert.Contains("routingcore_", await _serve.Client.GetStringAsync($"http://127.0.0.1:{_serve.AdminPort}/metrics"), StringComparison.Ordinal);
        Assert.Equal("no findings", await _serve.Client.GetStringAsync($"http://127.0.0.1:{_serve.AdminPort}/lint"));
    }

    [Fact]
    public async Task LiveReloadChangesRoutingWithoutFailuresAndABrokenEditKeepsServing()
    {
        var file = Path.Combine(_serve.Manifests.FullName, "07-ingress-foo-bar.yaml");
        var original = await File.ReadAllTextAsync(file);

        using var traffic = new CancellationTokenSource();
        var failures = 0;
        var requests = 0;
        var load = Task.Run(async () =>
        {
            while (!traffic.IsCancellationRequested)
            {
                var (status, _) = await GetAsync("www.example.com", "/foo");
                Interlocked.Increment(ref requests);
                if (status != HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        });

        var reloaded = _serve.NextReload();
        await File.WriteAllTextAsync(file, original.Replace("name: foo", "name: bar", StringComparison.Ordinal));
        Assert.True((await reloaded).Succeeded);
        Assert.Equal("bar", await ServiceOfAsync("www.example.com", "/foo"));

        var refused = _serve.NextReload();
        await File.WriteAllTextAsync(file, original.Replace("pathType: Prefix", "pathType: Sometimes", StringComparison.Ordinal));
        var result = await refused;
        Assert.False(result.Succeeded);
        Assert.Contains("07-ingress-foo-bar.yaml:", result.Errors[0].ToString(), StringComparison.Ordinal);
        Assert.Contains("Unsupported value: \"Sometimes\"", result.Errors[0].ToString(), StringComparison.Ordinal);
        Assert.Equal("bar", await ServiceOfAsync("www.example.com", "/foo"));

        await traffic.CancelAsync();
        await load;
        Assert.True(requests > 0);
        Assert.Equal(0, failures);
    }

    [Fact]
    public async Task TheIngressControllerPodsNodePortReachesTheProxyWithItsConfigMapSettings()
    {
        // 05-ingress-controller.yaml: the controller pod forwards to this host's proxy; its --configmap names
        // ingress-nginx/nginx-configuration (proxy-body-size 8m).
        using (var request = new HttpRequestMessage(HttpMethod.Get, "http://127.20.0.1:30080/foo"))
        {
            request.Headers.Host = "www.example.com";
            using var response = await _serve.Client.SendAsync(request);
            Assert.Equal("foo", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("service").GetString());
        }

        using var tls = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                await socket.ConnectAsync(IPAddress.Parse("127.20.0.1"), context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
            // The manifests give no TLS secret, so the proxy answers with its self-signed default certificate.
            SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate?.Subject == "CN=RoutingCore Ingress Controller Default Certificate" },
        });
        var echo = JsonDocument.Parse(await tls.GetStringAsync("https://bar.example.com:30443/x")).RootElement;
        Assert.Equal(("bar", "bar.example.com:30443"), (echo.GetProperty("service").GetString(), echo.GetProperty("host").GetString()));

        Assert.Equal(HttpStatusCode.OK, await PostAsync(1 << 20));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, await PostAsync(9 << 20));

        // Editing the controller's ConfigMap changes the proxy's settings on reload.
        var file = Path.Combine(_serve.Manifests.FullName, "05-ingress-controller.yaml");
        var reloaded = _serve.NextReload();
        await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(file)).Replace("proxy-body-size: \"8m\"", "proxy-body-size: \"1k\"", StringComparison.Ordinal));
        Assert.True((await reloaded).Succeeded);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, await PostAsync(2048));
        Assert.Contains("settings from ConfigMap ingress-nginx/nginx-configuration", _serve.Log, StringComparison.Ordinal);

        async Task<HttpStatusCode> PostAsync(int size)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "http://127.20.0.1:30080/foo") { Content = new ByteArrayContent(new byte[size]) };
            request.Headers.Host = "www.example.com";
            using var response = await _serve.Client.SendAsync(request);
            return response.StatusCode;
        }
    }

    [Fact]
    public async Task ShutdownStopsAcceptingAndLetsInFlightRequestsFinish()
    {
        // An upload that is still sending its body when shutdown begins.
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sending = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.20.0.1:{_serve.HttpPort}/foo")
        {
            Content = new SlowContent(sending, release.Task),
        };
        request.Headers.Host = "www.example.com";
        var inFlight = _serve.Client.SendAsync(request);
        await sending.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await ActiveRequestsAsync() < 1)
        {
            Assert.True(DateTime.UtcNow < deadline, "the proxy never counted the upload as in flight");
            await Task.Delay(20);
        }

        await _serve.StopAsync();
        while (!_serve.Log.Contains("shutting down", StringComparison.Ordinal) || await AcceptsAsync())
        {
            Assert.True(DateTime.UtcNow < deadline, "the proxy kept accepting after shutdown began:\n" + _serve.Log);
            await Task.Delay(20);
        }

        release.SetResult();
        using var response = await inFlight.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("foo", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("service").GetString());
        Assert.Equal(0, await _serve.Run.WaitAsync(TimeSpan.FromSeconds(60)));

        async Task<double> ActiveRequestsAsync()
        {
            var metrics = await _serve.Client.GetStringAsync($"http://127.0.0.1:{_serve.AdminPort}/metrics");
            var line = metrics.Split('\n').FirstOrDefault(l => l.StartsWith("routingcore_proxy_active_requests", StringComparison.Ordinal));
            return line is null ? 0 : double.Parse(line.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        }

        async Task<bool> AcceptsAsync()
        {
            using var probe = new Socket(SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await probe.ConnectAsync(IPAddress.Parse("127.20.0.1"), _serve.HttpPort);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }
    }

    /// <summary>A request body that sends one chunk, then the rest once released.</summary>
    private sealed class SlowContent(TaskCompletionSource sending, Task release) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync("first half;"u8.ToArray());
            await stream.FlushAsync();
            sending.TrySetResult();
            await release;
            await stream.WriteAsync("second half"u8.ToArray());
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
