using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using RoutingCore.Model;
using RoutingCore.Routing;
using RoutingCore.State;
using RoutingCore.Tests.State;

namespace RoutingCore.Tests.Routing;

/// <summary>Builders for Ingress compiler tests: a store with an Ingress controller, Ingresses, Services and endpoints.</summary>
internal sealed class IngressWorld
{
    public IngressWorld(IngressControllerOptions? options = null)
    {
        Time = new FakeTimeProvider(Fixtures.Epoch);
        State = Fixtures.NewState(Time);
        Controller = IngressController.AddTo(State, options ?? new IngressControllerOptions { WatchIngressWithoutClass = true });
    }

    public FakeTimeProvider Time { get; }

    public ClusterState State { get; }

    public IngressController Controller { get; }

    public RoutingSnapshot Snapshot
    {
        get
        {
            State.Sync();
            return Controller.Current;
        }
    }

    /// <summary>Creates an Ingress one second after the previous object, so creation order is age order.</summary>
    public Ingress Add(Ingress ingress)
    {
        Time.Advance(TimeSpan.FromSeconds(1));
        return State.Create(ingress);
    }

    /// <summary>A Service named <paramref name="name"/> with port 80 (named "http") selecting app=name, and <paramref name="pods"/> ready pods.</summary>
    public void Backend(string name, int pods = 1, string ns = "default")
    {
        State.Create(Fixtures.Service(name, ns: ns) with
        {
            Spec = Fixtures.Service(name, ns: ns).Spec with { Ports = [new ServicePort { Name = "http", Port = 80, TargetPort = 8080 }] },
        });
        for (var i = 0; i < pods; i++)
        {
            State.Create(Fixtures.Pod($"{name}-{i}", name, ns: ns));
        }
    }

    public string? ServiceOf(string host, string path) => Snapshot.Route(host, path).Target.Service?.ServiceName;

    public static IngressBackend To(string service, int port = 80) =>
        new() { Service = new IngressServiceBackend { Name = service, Port = new ServiceBackendPort { Number = port } } };

    public static IngressBackend ToNamed(string service, string port) =>
        new() { Service = new IngressServiceBackend { Name = service, Port = new ServiceBackendPort { Name = port } } };

    public static HttpIngressPath Path(string type, string path, string service) => new() { PathType = type, Path = path, Backend = To(service) };

    public static IngressRule Rule(string? host, params HttpIngressPath[] paths) =>
        new() { Host = host, Http = new HttpIngressRuleValue { Paths = [.. paths] } };

    public static Ingress Ingress(string name, IngressRule[] rules, IngressBackend? defaultBackend = null, string? className = null, string ns = "default",
        IngressTls[]? tls = null, ImmutableSortedDictionary<string, string>? annotations = null) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = ns, Annotations = annotations ?? Labels.Empty },
        Spec = new IngressSpec { IngressClassName = className, Rules = [.. rules], DefaultBackend = defaultBackend, Tls = tls is null ? [] : [.. tls] },
    };

    /// <summary>A kubernetes.io/tls Secret with a fresh self-signed certificate for <paramref name="host"/>.</summary>
    public static Secret TlsSecret(string name, string host, string ns = "default")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={host}", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return new Secret
        {
            Metadata = new ObjectMeta { Name = name, Namespace = ns },
            Type = Secret.TlsType,
            Data = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, ImmutableArray<byte>>
            {
                ["tls.crt"] = [.. Encoding.UTF8.GetBytes(certificate.ExportCertificatePem())],
                ["tls.key"] = [.. Encoding.UTF8.GetBytes(key.ExportPkcs8PrivateKeyPem())],
            }),
        };
    }
}
