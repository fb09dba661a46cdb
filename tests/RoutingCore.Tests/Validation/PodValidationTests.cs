using RoutingCore.Model;
using RoutingCore.Validation;

namespace RoutingCore.Tests.Validation;

public sealed class PodValidationTests
{
    private const string LabelMessage = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
    private const string SubdomainMessage = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    private static ContainerPort CPort(int number, string? name = null, string protocol = "") =>
        new() { ContainerPortNumber = number, Name = name, Protocol = protocol };

    private static Container App(string name = "app", params ContainerPort[] ports) =>
        new() { Name = name, Image = "demo", Ports = [.. ports] };

    private static Pod Make(params Container[] containers) => new()
    {
        Metadata = new ObjectMeta { Name = "web-1", Namespace = "default" },
        Spec = new PodSpec { Containers = containers.Length == 0 ? [App("app", CPort(8080, "http"))] : [.. containers] },
    };

    private static Pod WithSpec(Pod pod, Func<PodSpec, PodSpec> edit) => pod with { Spec = edit(pod.Spec) };

    private static List<FieldError> Create(Pod pod) => PodValidation.ValidateCreate(PodDefaults.Apply(pod), ValidationOptions.Default);

    [Fact]
    public void POD_1_ATypicalPodIsValid()
    {
        var sidecar = App("proxy", CPort(15001, "proxy")) with { RestartPolicy = "Always", ReadinessProbe = new Probe { TcpSocket = new TcpSocketAction("proxy") } };
        var app = App("app", CPort(8080, "http"), CPort(53, "dns", "UDP")) with
        {
            Env = [new EnvVar("POD_NAME", ValueFrom: new EnvVarSource(new ObjectFieldSelector("metadata.name"))), new EnvVar("MODE", "demo")],
            ReadinessProbe = new Probe { HttpGet = new HttpGetAction("/healthz", "http") },
        };
        var pod = WithSpec(Make(app), s => s with { InitContainers = [sidecar], NodeName = "node-a", Hostname = "web-1", Subdomain = "web" });
        ErrorAssert.Empty(Create(pod));
        ErrorAssert.Empty(PodValidation.ValidateUpdate(PodDefaults.Apply(pod), pod, ValidationOptions.Default));
    }

    [Fact]
    public void POD_2_ProtocolDefaultsToTcp()
    {
        var pod = WithSpec(Make(App("app", CPort(8080))), s => s with { InitContainers = [App("init", CPort(9000))] });
        var spec = PodDefaults.Apply(pod).Spec;
        Assert.Equal("TCP", spec.Containers[0].Ports[0].Protocol);
        Assert.Equal("TCP", spec.InitContainers[0].Ports[0].Protocol);
    }

    [Fact]
    public void POD_2_ContainerPortInRangeWithSupportedProtocol()
    {
        ErrorAssert.Equal(
        [
            "spec.containers[0].ports[0].containerPort: Required value",
            "spec.containers[0].ports[1].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive",
            "spec.containers[0].ports[2].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\"",
        ], Create(Make(App("app", CPort(0), CPort(70000), CPort(80, protocol: "HTTP")))));
        var undefaulted = PodValidation.ValidateCreate(Make(App("app", CPort(80))), ValidationOptions.Default);
        ErrorAssert.Equal(["spec.containers[0].ports[0].protocol: Required value"], undefaulted);
    }

    [Fact]
    public void POD_2_PortNameIsAnIanaNameUniqueWithinThePod()
    {
        var pod = WithSpec(
            Make(App("app", CPort(8080, "http"), CPort(8081, "HTTP")), App("other", CPort(9090, "http"))),
            s => s with { InitContainers = [App("sidecar", CPort(9091, "http")) with { RestartPolicy = "Always" }] });
        ErrorAssert.Equal(
        [
            "spec.containers[0].ports[1].name: Invalid value: \"HTTP\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)",
            "spec.containers[0].ports[1].name: Invalid value: \"HTTP\": must contain at least one letter (a-z)",
            "spec.containers[1].ports[0].name: Duplicate value: \"http\"",
            "spec.initContainers[0].ports[0].name: Duplicate value: \"http\"",
        ], Create(pod));
    }

    [Fact]
    public void POD_MetadataNameIsASubdomain()
    {
        var pod = Make() with { Metadata = new ObjectMeta { Name = "Web_1", Namespace = "default" } };
        ErrorAssert.Equal(["metadata.name: Invalid value: \"Web_1\": " + SubdomainMessage], Create(pod));
    }

    [Fact]
    public void POD_ContainerNamesRequiredLabelsAndUnique()
    {
        ErrorAssert.Equal(["spec.containers: Required value"], Create(WithSpec(Make(), s => s with { Containers = [] })));
        var pod = WithSpec(Make(App(""), App("App"), App("app"), App("app")), s => s with { InitContainers = [App("app"), App("init")] });
        ErrorAssert.Equal(
        [
            "spec.containers[0].name: Required value",
            "spec.containers[1].name: Invalid value: \"App\": " + LabelMessage,
            "spec.containers[3].name: Duplicate value: \"app\"",
            "spec.initContainers[0].name: Duplicate value: \"app\"",
        ], Create(pod));
    }

    [Fact]
    public void POD_RestartPolicyOnlyAlwaysOnInitContainers()
    {
        var pod = WithSpec(Make(App("app") with { RestartPolicy = "Always" }), s => s with { InitContainers = [App("init") with { RestartPolicy = "Never" }] });
        ErrorAssert.Equal(
        [
            "spec.containers[0].restartPolicy: Forbidden: may not be set for non-init containers",
            "spec.initContainers[0].restartPolicy: Unsupported value: \"Never\": supported values: \"Always\"",
        ], Create(pod));
    }

    [Theory]
    [InlineData("metadata.name")]
    [InlineData("metadata.namespace")]
    [InlineData("status.podIP")]
    public void POD_EnvFieldRefSupportedPaths(string fieldPath)
    {
        var pod = Make(App() with { Env = [new EnvVar("X", ValueFrom: new EnvVarSource(new ObjectFieldSelector(fieldPath)))] });
        ErrorAssert.Empty(Create(pod));
    }

    [Fact]
    public void POD_EnvNamesAndSources()
    {
        var pod = Make(App() with
        {
            Env =
            [
                new EnvVar("NODE", ValueFrom: new EnvVarSource(new ObjectFieldSelector("spec.nodeName"))),
                new EnvVar("EMPTY", ValueFrom: new EnvVarSource(new ObjectFieldSelector(""))),
                new EnvVar("BOTH", "x", new EnvVarSource(new ObjectFieldSelector("metadata.name"))),
                new EnvVar("NONE", ValueFrom: new EnvVarSource(null)),
                new EnvVar(""),
                new EnvVar("A=B"),
                new EnvVar(".."),
                new EnvVar("..cfg"),
                new EnvVar("1 lower-case.ok_too"),
            ],
        });
        ErrorAssert.Equal(
        [
            "spec.containers[0].env[0].valueFrom.fieldRef.fieldPath: Unsupported value: \"spec.nodeName\": supported values: \"metadata.name\", \"metadata.namespace\", \"status.podIP\"",
            "spec.containers[0].env[1].valueFrom.fieldRef.fieldPath: Required value",
            "spec.containers[0].env[2].valueFrom: Invalid value: \"\": may not be specified when `value` is not empty",
            "spec.containers[0].env[3].valueFrom: Invalid value: \"\": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`",
            "spec.containers[0].env[4].name: Required value",
            "spec.containers[0].env[5].name: Invalid value: \"A=B\": a valid environment variable name must consist only of printable ASCII characters other than '='",
            "spec.containers[0].env[6].name: Invalid value: \"..\": must not be '..'",
            "spec.containers[0].env[7].name: Invalid value: \"..cfg\": must not start with '..'",
        ], Create(pod));
    }

    [Fact]
    public void POD_ReadinessProbeDefaults()
    {
        var probe = PodDefaults.Apply(Make(App() with { ReadinessProbe = new Probe { HttpGet = new HttpGetAction("", 8080, ""), PeriodSeconds = 0, TimeoutSeconds = 0, SuccessThreshold = 0, FailureThreshold = 0 } }))
            .Spec.Containers[0].ReadinessProbe!;
        Assert.Equal(("/", "HTTP"), (probe.HttpGet!.Path, probe.HttpGet.Scheme));
        Assert.Equal((10, 1, 1, 3), (probe.PeriodSeconds, probe.TimeoutSeconds, probe.SuccessThreshold, probe.FailureThreshold));
    }

    public static TheoryData<Probe, string[]> Probes() => new()
    {
        { new Probe(), ["spec.containers[0].readinessProbe: Required value: must specify a handler type"] },
        { new Probe { HttpGet = new HttpGetAction("/", 80), TcpSocket = new TcpSocketAction(80) }, ["spec.containers[0].readinessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type"] },
        { new Probe { HttpGet = new HttpGetAction("/", 0) }, ["spec.containers[0].readinessProbe.httpGet.port: Invalid value: 0: must be between 1 and 65535, inclusive"] },
        { new Probe { HttpGet = new HttpGetAction("/", "http", "FTP") }, ["spec.containers[0].readinessProbe.httpGet.scheme: Unsupported value: \"FTP\": supported values: \"HTTP\", \"HTTPS\""] },
        { new Probe { TcpSocket = new TcpSocketAction("Web") }, ["spec.containers[0].readinessProbe.tcpSocket.port: Invalid value: \"Web\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)"] },
        { new Probe { TcpSocket = new TcpSocketAction(80), InitialDelaySeconds = -1 }, ["spec.containers[0].readinessProbe.initialDelaySeconds: Invalid value: -1: must be greater than or equal to 0"] },
    };

    [Theory]
    [MemberData(nameof(Probes))]
    public void POD_ReadinessProbe(Probe probe, string[] expected) => ErrorAssert.Equal(expected, Create(Make(App() with { ReadinessProbe = probe })));

    [Fact]
    public void POD_ReadinessProbeOnlyOnRestartableInitContainers()
    {
        var pod = WithSpec(Make(), s => s with { InitContainers = [App("init") with { ReadinessProbe = new Probe { TcpSocket = new TcpSocketAction(80) } }] });
        ErrorAssert.Equal(["spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always"], Create(pod));
    }

    [Fact]
    public void POD_NodeNameHostnameAndSubdomain()
    {
        var pod = WithSpec(Make(), s => s with { NodeName = "Node_A", Hostname = "web.1", Subdomain = "Web" });
        ErrorAssert.Equal(
        [
            "spec.nodeName: Invalid value: \"Node_A\": " + SubdomainMessage,
            "spec.hostname: Invalid value: \"web.1\": must not contain dots",
            "spec.subdomain: Invalid value: \"Web\": " + LabelMessage,
        ], Create(pod));
    }

    private static List<FieldError> StatusUpdate(PodStatus status)
    {
        var stored = PodDefaults.Apply(Make());
        return PodValidation.ValidateStatusUpdate(stored with { Status = status }, stored, ValidationOptions.Default);
    }

    [Fact]
    public void POD_StatusPhaseSupported()
    {
        ErrorAssert.Equal(
            ["status.phase: Unsupported value: \"Crashed\": supported values: \"Failed\", \"Pending\", \"Running\", \"Succeeded\", \"Unknown\""],
            StatusUpdate(new PodStatus { Phase = "Crashed" }));
        ErrorAssert.Empty(StatusUpdate(new PodStatus { Phase = PodPhases.Running, PodIP = "10.244.0.5", PodIPs = ["10.244.0.5", "fd00::5"], HostIP = "192.168.1.10" }));
    }

    [Fact]
    public void POD_StatusIPsValid()
    {
        ErrorAssert.Equal(
        [
            "status.podIP: Invalid value: \"10.244.0\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)",
            "status.podIPs: Invalid value: " + ErrorAssert.Composite + ": may specify no more than one IP for each IP family",
            "status.podIPs[1]: Duplicate value: \"10.244.0.5\"",
            "status.hostIP: Invalid value: \"node-a\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)",
        ], StatusUpdate(new PodStatus { Phase = PodPhases.Running, PodIP = "10.244.0", PodIPs = ["10.244.0.5", "10.244.0.5"], HostIP = "node-a" }));
    }
}
