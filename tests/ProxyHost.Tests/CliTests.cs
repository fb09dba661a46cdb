using Microsoft.Extensions.Time.Testing;
using RoutingCore.ProxyHost.Cli;

namespace RoutingCore.ProxyHost.Tests;

public sealed class CliTests
{
    private static readonly string Manifests = Path.Combine(AppContext.BaseDirectory, "manifests");

    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = Commands.Build(output, error, new FakeTimeProvider(DateTimeOffset.UtcNow)).Parse(args).Invoke();
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void GetServicesPrintsTheKubectlTable()
    {
        var (exit, output, _) = Run("get", "svc", "--manifests", Manifests);
        Assert.Equal(0, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE$", lines[0]);
        Assert.Matches(@"^myapp-service\s+NodePort\s+127\.2\.\d+\.\d+\s+<none>\s+80:30008/TCP\s+0s$", lines.Single(l => l.StartsWith("myapp-service", StringComparison.Ordinal)));
        Assert.Matches(@"^myapp-lb\s+LoadBalancer\s+127\.2\.\d+\.\d+\s+127\.3\.0\.1\s+80:3\d{4}/TCP\s+0s$", lines.Single(l => l.StartsWith("myapp-lb", StringComparison.Ordinal)));
        Assert.Matches(@"^front-end-service\s+ClusterIP\s+127\.2\.\d+\.\d+\s+<none>\s+80/TCP\s+0s$", lines.Single(l => l.StartsWith("front-end-service", StringComparison.Ordinal)));
    }

    [Fact]
    public void GetOneObjectAsYamlOrAMissingOne()
    {
        var (exit, output, _) = Run("get", "ingress", "ingress-foo-bar", "-o", "yaml", "--manifests", Manifests);
        Assert.Equal(0, exit);
        Assert.Contains("kind: Ingress", output, StringComparison.Ordinal);
        Assert.Contains("host: www.example.com", output, StringComparison.Ordinal);

        var missing = Run("get", "svc", "nope", "--manifests", Manifests);
        Assert.Equal((1, "Error from server (NotFound): services \"nope\" not found"), (missing.Exit, missing.Error.Trim()));
        Assert.Equal(1, Run("get", "widgets", "--manifests", Manifests).Exit);
    }

    [Fact]
    public void ExplainNamesTheIngressPathAndBackend()
    {
        var (exit, output, _) = Run("explain", "http://www.example.com/bar/baz?q=1", "--manifests", Manifests);
        Assert.Equal(0, exit);
        Assert.Contains("target: Ingress default/ingress-foo-bar spec.rules[0].http.paths[1] -> service default/bar:80", output, StringComparison.Ordinal);

        var unknown = Run("explain", "http://nowhere.example.org/", "--manifests", Manifests);
        Assert.Contains("target: Ingress default/default-backend spec.defaultBackend -> service default/default-http-backend:80", unknown.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void LintFindsNothingInTheWalkthroughAndReportsABrokenManifest()
    {
        Assert.Equal((0, "no findings"), (Run("lint", "--manifests", Manifests).Exit, Run("lint", "--manifests", Manifests).Output.Trim()));

        var dir = Directory.CreateTempSubdirectory("rc-cli-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "bad.yaml"), "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n    - port: 0\n");
            var (exit, _, error) = Run("lint", "--manifests", dir.FullName);
            Assert.Equal(1, exit);
            Assert.Contains("bad.yaml:1:1", error, StringComparison.Ordinal);
            Assert.Contains("spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive", error, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
