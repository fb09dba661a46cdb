using System.Text.Json;

namespace RoutingCore.ProxyHost.Tests;

/// <summary>
/// A process that may not bind ports below 1024: the Service port 80 on its cluster IP is reported with the fix and
/// everything else keeps running. As root the test drops CAP_NET_BIND_SERVICE with setpriv(1), so it runs on CI too.
/// </summary>
public sealed class PrivilegedPortTests
{
    private const string Manifests = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: echo
        spec:
          replicas: 1
          selector:
            matchLabels:
              app: echo
          template:
            metadata:
              labels:
                app: echo
            spec:
              containers:
                - name: echo
                  image: registry.k8s.io/e2e-test-images/echoserver:2.5
                  env:
                    - name: SERVICE_NAME
                      value: web
                  ports:
                    - containerPort: 3000
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: web
        spec:
          type: NodePort
          selector:
            app: echo
          ports:
            - port: 80
              targetPort: 3000
              nodePort: 30123
        """;

    [Fact]
    public async Task APort80ListenerWithoutPrivilegeIsReportedWithTheFixAndTheRestServes()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Linux capabilities and sysctls");
        string[] wrapper = [];
        if (Environment.IsPrivilegedProcess)
        {
            Assert.SkipUnless(File.Exists("/usr/bin/setpriv"), "running as root without setpriv(1) to drop CAP_NET_BIND_SERVICE");
            wrapper = ["/usr/bin/setpriv", "--bounding-set=-net_bind_service", "--inh-caps=-net_bind_service"];
        }
        else
        {
            var start = int.Parse(File.ReadAllText("/proc/sys/net/ipv4/ip_unprivileged_port_start").Trim(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.SkipWhen(start <= 80, $"net.ipv4.ip_unprivileged_port_start is {start}: every process may bind port 80 here");
        }

        var cancellationToken = TestContext.Current.CancellationToken;
        var directory = Directory.CreateTempSubdirectory("rc-privileged-");
        try
        {
            var file = Path.Combine(directory.FullName, "web.yaml");
            await File.WriteAllTextAsync(file, Manifests, cancellationToken);
            using var serve = ServeProcess.Start(file, "127.34.0.1", "127.35.0.0/16", "127.36.0.0/16", "127.37.0.0/24", wrapper);
            await serve.WaitReadyAsync(cancellationToken);

            using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(10) };
            var echo = JsonDocument.Parse(await client.GetStringAsync("http://127.34.0.1:30123/hello", cancellationToken)).RootElement;
            Assert.Equal(("/hello", "web"), (echo.GetProperty("path").GetString(), echo.GetProperty("service").GetString()));

            // The bootstrap default/kubernetes Service (443) is refused the same way; this test looks at its own Service.
            var failures = serve.Output.Split('\n').Where(line => line.StartsWith("listener failed: Service default/web:", StringComparison.Ordinal)).ToList();
            Assert.True(failures.Count == 1, serve.Output);
            var failure = failures[0];
            Assert.Matches(@"^listener failed: Service default/web:80/TCP: cannot listen on 127\.36\.\d+\.\d+:80/TCP: AccessDenied .*ports below 1024 need privilege: grant it with `sudo setcap cap_net_bind_service=\+ep .*net\.ipv4\.ip_unprivileged_port_start.*Other listeners keep running\.", failure.TrimEnd());
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
