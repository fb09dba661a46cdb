using System.CommandLine;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;
using RoutingCore.ProxyHost.Cli;

namespace RoutingCore.ProxyHost.Tests;

/// <summary>
/// <c>get</c>, <c>explain</c> and <c>lint</c> with <c>--server</c> against a real <c>serve</c> on free loopback ports:
/// the output is the offline output, except what only the server knows (its addresses, its objects' ages).
/// </summary>
public sealed class RemoteCliTests : IAsyncLifetime
{
    private const string LintFinding = """
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: dangling
        spec:
          rules:
            - host: dangling.example.com
              http:
                paths:
                  - path: /
                    pathType: Prefix
                    backend:
                      service:
                        name: nowhere
                        port:
                          number: 80
        """;

    private static readonly string BundledManifests = Path.Combine(AppContext.BaseDirectory, "manifests");

    private InProcessServe _serve = null!;

    private string Server => _serve.Admin;

    // 127.30.0.0/16 is used by no other test class, so that classes running side by side never bind the same address.
    public async ValueTask InitializeAsync() =>
        _serve = await InProcessServe.StartAsync("127.30.0.1", "127.30.64.0/18", "127.30.128.0/18", "127.30.192.0/24");

    public ValueTask DisposeAsync() => _serve.DisposeAsync();

    internal static async Task<(int Exit, string Output, string Error)> RunAsync(TimeProvider time, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        // Parse errors are written by System.CommandLine itself, to the configured writers.
        var exit = await Commands.Build(output, error, time).Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>Offline: ages on this clock are 0s. Remote: the server's objects are a few seconds old, so on a clock three days ahead every age is 3d.</summary>
    private static Task<(int Exit, string Output, string Error)> OfflineAsync(params string[] args) =>
        RunAsync(new FakeTimeProvider(DateTimeOffset.UtcNow), [.. args, "--manifests", BundledManifests]);

    private Task<(int Exit, string Output, string Error)> RemoteAsync(params string[] args) =>
        RunAsync(new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(3)), [.. args, "--server", Server]);

    private static List<string[]> Rows(string table) =>
        [.. table.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => Regex.Split(line.TrimEnd(), @"\s{2,}"))];

    private async Task<JsonElement> AdminJsonAsync(string path) =>
        JsonDocument.Parse(await _serve.Client.GetStringAsync(Server + path)).RootElement;

    [Fact]
    public async Task GetServicesPrintsTheOfflineTableWithTheServersAddressesAndAges()
    {
        var offline = await OfflineAsync("get", "svc");
        var remote = await RemoteAsync("get", "svc");
        Assert.Equal((0, ""), (remote.Exit, remote.Error));

        var services = (await AdminJsonAsync("/api/v1/namespaces/default/services")).GetProperty("items").EnumerateArray()
            .ToDictionary(s => s.GetProperty("metadata").GetProperty("name").GetString()!);
        var (expected, actual) = (Rows(offline.Output), Rows(remote.Output));
        Assert.Equal(expected[0], actual[0]);
        Assert.Equal(["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"], actual[0]);
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(services.Count, actual.Count - 1);
        foreach (var (want, got) in expected.Skip(1).Zip(actual.Skip(1)))
        {
            var service = services[got[0]];
            var spec = service.GetProperty("spec");

            // NAME and TYPE as offline; PORT(S) as offline but for node ports, which are allocated at random when not fixed.
            Assert.Equal(want[..2], got[..2]);
            Assert.Equal(Regex.Replace(want[4], ":3\\d{4}/", ":*/"), Regex.Replace(got[4], ":3\\d{4}/", ":*/"));
            Assert.Equal(
                string.Join(",", spec.GetProperty("ports").EnumerateArray().Select(p => p.TryGetProperty("nodePort", out var n) ? $"{p.GetProperty("port")}:{n}/TCP" : $"{p.GetProperty("port")}/TCP")),
                got[4]);

            // The addresses the server allocated, not ones computed again here.
            Assert.Equal(spec.GetProperty("clusterIP").GetString(), got[2]);
            Assert.StartsWith("127.30.1", got[2], StringComparison.Ordinal);
            Assert.Equal(got[0] == "myapp-lb" ? "127.30.192.1" : "<none>", got[3]);
            Assert.Equal("3d", got[5]);
        }
    }

    [Fact]
    public async Task GetPodsAcrossNamespacesWidePrintsTheServersPods()
    {
        var offline = await OfflineAsync("get", "pods", "-A", "-o", "wide");
        var remote = await RemoteAsync("get", "pods", "-A", "-o", "wide");
        Assert.Equal(0, remote.Exit);

        var pods = (await AdminJsonAsync("/api/v1/pods")).GetProperty("items").EnumerateArray()
            .Select(p => (string[])[p.GetProperty("metadata").GetProperty("namespace").GetString()!, p.GetProperty("metadata").GetProperty("name").GetString()!, p.GetProperty("status").GetProperty("podIP").GetString()!])
            .ToList();
        var rows = Rows(remote.Output);
        Assert.Equal(Rows(offline.Output)[0], rows[0]);
        Assert.Equal(["NAMESPACE", "NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE", "NOMINATED NODE", "READINESS GATES"], rows[0]);
        Assert.Equal(pods, rows.Skip(1).Select(r => (string[])[r[0], r[1], r[6]]).ToList());
        Assert.Contains(rows, r => r[0] == "ingress-nginx");
        Assert.All(rows.Skip(1), r => Assert.StartsWith("127.30.", r[6], StringComparison.Ordinal));
        Assert.Contains(rows, r => r[1].StartsWith("foo-", StringComparison.Ordinal) && r[2] == "1/1" && r[3] == "Running");
    }

    [Fact]
    public async Task GetOneServiceAsJsonOrYamlIsTheServersObject()
    {
        var body = await _serve.Client.GetStringAsync($"{Server}/api/v1/namespaces/default/services/bar");
        var json = await RemoteAsync("get", "svc", "bar", "-o", "json");
        Assert.Equal((0, body + "\n"), (json.Exit, json.Output));

        var service = JsonDocument.Parse(body).RootElement;
        var yaml = await RemoteAsync("get", "service", "bar", "-o", "yaml");
        Assert.Equal(0, yaml.Exit);
        Assert.StartsWith("apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: ", yaml.Output, StringComparison.Ordinal);
        Assert.Contains($"  uid: {service.GetProperty("metadata").GetProperty("uid").GetString()}\n", yaml.Output, StringComparison.Ordinal);
        Assert.Contains($"  clusterIP: {service.GetProperty("spec").GetProperty("clusterIP").GetString()}\n", yaml.Output, StringComparison.Ordinal);

        var ingress = await RemoteAsync("get", "ingresses.networking.k8s.io", "ingress-foo-bar", "-o", "json");
        Assert.Equal("127.30.0.1", JsonDocument.Parse(ingress.Output).RootElement.GetProperty("status").GetProperty("loadBalancer").GetProperty("ingress")[0].GetProperty("ip").GetString());
    }

    [Theory]
    [InlineData("svc", "nope", "services \"nope\" not found")]
    [InlineData("ing", "nope", "ingresses.networking.k8s.io \"nope\" not found")]
    [InlineData("ns", "nope", "namespaces \"nope\" not found")]
    public async Task AMissingNameIsNotFoundAsOffline(string kind, string name, string message)
    {
        var remote = await RemoteAsync("get", kind, name);
        var offline = await OfflineAsync("get", kind, name);
        Assert.Equal((1, "", $"Error from server (NotFound): {message}\n"), (remote.Exit, remote.Output, remote.Error.ReplaceLineEndings("\n")));
        Assert.Equal((offline.Exit, offline.Error), (remote.Exit, remote.Error));
    }

    [Fact]
    public async Task AnEmptyListingSaysSoAsOffline()
    {
        var remote = await RemoteAsync("get", "deploy", "-n", "kube-system");
        Assert.Equal((0, "", "No resources found in kube-system namespace."), (remote.Exit, remote.Output, remote.Error.Trim()));
    }

    [Fact]
    public async Task ExplainNamesTheServiceAndTheServersEndpoints()
    {
        var (exit, output, _) = await RemoteAsync("explain", "http://www.example.com/foo");
        Assert.Equal(0, exit);
        Assert.Contains("target: Ingress default/ingress-foo-bar spec.rules[0].http.paths[0] -> service default/foo:80\n", output, StringComparison.Ordinal);
        Assert.Matches(@"backend: default/foo:80 Ready \(2 of 2 endpoints eligible: 127\.30\.\d+\.\d+:3000, 127\.30\.\d+\.\d+:3000\)", output);

        // Everything but the endpoints (the server's demo pods are ready; offline there are none) reads as offline.
        var offline = await OfflineAsync("explain", "http://www.example.com/foo");
        Assert.Equal(offline.Output.Split("backend:")[0], output.Split("backend:")[0]);
    }

    [Fact]
    public async Task ExplainReportsAnErrorAnswer()
    {
        // A path prefix no admin endpoint lives under: the server answers 404 without a Status.
        var (exit, output, error) = await RunAsync(TimeProvider.System, "explain", "http://www.example.com/foo", "--server", $"{Server}/elsewhere");
        Assert.Equal((1, "", "Error from server (NotFound): the server answered 404"), (exit, output, error.Trim()));
    }

    [Fact]
    public async Task LintExitCodeFollowsTheServersFindings()
    {
        var clean = await RemoteAsync("lint");
        Assert.Equal((0, "no findings"), (clean.Exit, clean.Output.Trim()));

        var reloaded = _serve.NextReload();
        await File.WriteAllTextAsync(Path.Combine(_serve.Manifests.FullName, "10-dangling.yaml"), LintFinding);
        Assert.True((await reloaded).Succeeded);

        var remote = await RemoteAsync("lint");
        var offline = await RunAsync(TimeProvider.System, "lint", "--manifests", _serve.Manifests.FullName);
        Assert.Equal(1, remote.Exit);
        Assert.Contains("RC1004", remote.Output, StringComparison.Ordinal);
        Assert.Contains("nowhere", remote.Output, StringComparison.Ordinal);
        Assert.Equal((offline.Exit, offline.Output), (remote.Exit, remote.Output));

        // curl users still get text; the CLI asked for JSON.
        Assert.Equal(remote.Output.TrimEnd('\n'), await _serve.Client.GetStringAsync($"{Server}/lint"));
    }
}
