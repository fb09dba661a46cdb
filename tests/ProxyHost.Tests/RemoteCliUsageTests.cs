namespace RoutingCore.ProxyHost.Tests;

/// <summary><c>--server</c> and <c>--manifests</c> without a running host: usage errors and an unreachable server.</summary>
public sealed class RemoteCliUsageTests
{
    private static readonly string Manifests = Path.Combine(AppContext.BaseDirectory, "manifests");

    private static Task<(int Exit, string Output, string Error)> RunAsync(params string[] args) => RemoteCliTests.RunAsync(TimeProvider.System, args);

    [Theory]
    [InlineData("get", "svc")]
    [InlineData("explain", "http://www.example.com/")]
    [InlineData("lint")]
    public async Task ServerNotListeningIsRefusedInOneLine(params string[] args)
    {
        // A port just released: nothing listens there.
        var port = InProcessServe.FreePort();
        var (exit, output, error) = await RunAsync([.. args, "--server", $"http://127.0.0.1:{port}"]);
        Assert.Equal((1, "", $"The connection to the server 127.0.0.1:{port} was refused - did you specify the right host or port?\n"), (exit, output, error.ReplaceLineEndings("\n")));
    }

    [Theory]
    [InlineData("get", "svc")]
    [InlineData("explain", "http://www.example.com/")]
    [InlineData("lint")]
    public async Task NeitherManifestsNorServerIsAUsageError(params string[] args)
    {
        var (exit, _, error) = await RunAsync(args);
        Assert.NotEqual(0, exit);
        Assert.Contains("Either --manifests (-f) or --server (-s) is required.", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("get", "svc")]
    [InlineData("explain", "http://www.example.com/")]
    [InlineData("lint")]
    public async Task BothManifestsAndServerIsAUsageError(params string[] args)
    {
        var (exit, output, error) = await RunAsync([.. args, "-f", Manifests, "-s", "http://127.0.0.1:9901"]);
        Assert.NotEqual(0, exit);
        Assert.DoesNotContain("no findings", output, StringComparison.Ordinal);
        Assert.Contains("--manifests and --server cannot be used together", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1:9901")]
    [InlineData("ftp://127.0.0.1:9901")]
    [InlineData("http://127.0.0.1:9901/?q=1")]
    [InlineData("/api/v1")]
    public async Task TheServerMustBeAnAbsoluteHttpUrl(string server)
    {
        var (exit, _, error) = await RunAsync("get", "svc", "--server", server);
        Assert.NotEqual(0, exit);
        Assert.Contains($"--server: \"{server}\" is not an absolute http or https URL", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANameAcrossAllNamespacesIsRefusedAsKubectlDoes()
    {
        var (exit, _, error) = await RunAsync("get", "svc", "bar", "-A", "--manifests", Manifests);
        Assert.Equal((1, "error: a resource cannot be retrieved by name across all namespaces"), (exit, error.Trim()));
    }

    [Fact]
    public async Task AKindWithoutATableSaysSoOffline()
    {
        var (exit, _, error) = await RunAsync("get", "nodes", "--manifests", Manifests);
        Assert.Equal((1, "error: there is no table for nodes; use -o yaml or -o json"), (exit, error.Trim()));
        Assert.Equal(0, (await RunAsync("get", "nodes", "-o", "yaml", "--manifests", Manifests)).Exit);
    }
}
