using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace RoutingCore.ProxyHost.Tests;

/// <summary>Graceful shutdown of a real <c>serve</c> process: SIGTERM makes it stop and exit 0.</summary>
public sealed class ShutdownTests
{
    [Fact]
    public async Task SigtermStopsServeGracefullyWithExitCodeZero()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "sends SIGTERM with kill(1)");

        var admin = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])[Path.Combine(AppContext.BaseDirectory, "routingcore-proxyhost.dll"), "serve",
            "--manifests", Path.Combine(AppContext.BaseDirectory, "manifests", "01-pod.yaml"),
            "--http-port", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--https-port", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--admin-port", admin.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--node-address", "127.26.0.1", "--pod-cidr", "127.27.0.0/16", "--service-cidr", "127.28.0.0/16", "--load-balancer-pool", "127.29.0.0/24"])
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        try
        {
            using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(5) };
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (true)
            {
                Assert.False(process.HasExited, "serve exited early");
                try
                {
                    using var ready = await client.GetAsync($"http://127.0.0.1:{admin}/readyz", TestContext.Current.CancellationToken);
                    if (ready.IsSuccessStatusCode)
                    {
                        break;
                    }
                }
                catch (HttpRequestException)
                {
                }

                Assert.True(DateTime.UtcNow < deadline, "serve never became ready");
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }

            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
            }

            await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
            Assert.Equal(0, process.ExitCode);
            Assert.Contains("shutting down", await output, StringComparison.Ordinal);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
