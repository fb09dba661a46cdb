using System.Diagnostics;
using System.Globalization;

namespace RoutingCore.ProxyHost.Tests;

/// <summary>Graceful shutdown of a real <c>serve</c> process: SIGTERM makes it stop and exit 0.</summary>
public sealed class ShutdownTests
{
    [Fact]
    public async Task SigtermStopsServeGracefullyWithExitCodeZero()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "sends SIGTERM with kill(1)");
        var cancellationToken = TestContext.Current.CancellationToken;
        using var serve = ServeProcess.Start(Path.Combine(AppContext.BaseDirectory, "manifests", "01-pod.yaml"),
            "127.26.0.1", "127.27.0.0/16", "127.28.0.0/16", "127.29.0.0/24");
        await serve.WaitReadyAsync(cancellationToken);

        using (var kill = Process.Start("kill", ["-TERM", serve.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(cancellationToken);
        }

        await serve.WaitForExitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        Assert.Equal(0, serve.ExitCode);
        Assert.Contains("shutting down", serve.Output, StringComparison.Ordinal);
    }
}
