using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace RoutingCore.ProxyHost.Tests;

/// <summary>
/// A real <c>routingcore-proxyhost serve</c> process on free loopback ports, for what only a process shows: signals,
/// exit codes and privileges. Killed on dispose if it is still running.
/// </summary>
internal sealed class ServeProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Task _reading;

    private ServeProcess(Process process)
    {
        _process = process;
        _reading = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                lock (_output)
                {
                    _output.AppendLine(line);
                }
            }
        });
    }

    public int AdminPort { get; private init; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>What the process has printed so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts <c>serve</c> on the given manifests and address ranges; <paramref name="wrapper"/> runs it under another program (such as setpriv).</summary>
    public static ServeProcess Start(string manifests, string nodeAddress, string podCidr, string serviceCidr, string loadBalancerPool, params string[] wrapper)
    {
        var admin = InProcessServe.FreePort();
        var start = new ProcessStartInfo(wrapper.Length > 0 ? wrapper[0] : "dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in (string[])[.. wrapper.Skip(1), .. wrapper.Length > 0 ? ["dotnet"] : Array.Empty<string>(),
            Path.Combine(AppContext.BaseDirectory, "routingcore-proxyhost.dll"), "serve", "--manifests", manifests,
            "--http-port", Text(InProcessServe.FreePort()), "--https-port", Text(InProcessServe.FreePort()), "--admin-port", Text(admin),
            "--node-address", nodeAddress, "--pod-cidr", podCidr, "--service-cidr", serviceCidr, "--load-balancer-pool", loadBalancerPool])
        {
            start.ArgumentList.Add(arg);
        }

        return new ServeProcess(Process.Start(start)!) { AdminPort = admin };
    }

    /// <summary>Polls <c>/readyz</c> until it answers 200.</summary>
    public async Task WaitReadyAsync(CancellationToken cancellationToken)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            Assert.False(_process.HasExited, "serve exited early:\n" + Output);
            try
            {
                using var ready = await client.GetAsync($"http://127.0.0.1:{AdminPort}/readyz", cancellationToken);
                if (ready.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            Assert.True(DateTime.UtcNow < deadline, "serve never became ready:\n" + Output);
            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>Waits for the exit and for the last of the output.</summary>
    public async Task WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken).WaitAsync(timeout, cancellationToken);
        await _reading.WaitAsync(timeout, cancellationToken);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
