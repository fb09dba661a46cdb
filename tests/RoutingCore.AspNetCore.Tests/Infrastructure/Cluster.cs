using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using RoutingCore.Model;
using RoutingCore.State;
using RoutingCore.Validation;

namespace RoutingCore.AspNetCore.Tests.Infrastructure;

/// <summary>Builders for the store objects the proxy tests write: Services whose endpoints are real loopback backends.</summary>
internal static class Cluster
{
    public static ClusterState NewState() => new(new ClusterStateOptions
    {
        RandomSeed = 7,
        PodCidr = null,
        Validation = new ValidationOptions { AllowLoopbackAddresses = true },
    });

    /// <summary>A selector-less Service <paramref name="name"/> with port 80 named http.</summary>
    public static Service Service(string name, string ns = "default", string? affinity = null) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = ns },
        Spec = new ServiceSpec { Ports = [new ServicePort { Name = "http", Port = 80, TargetPort = 8080 }], SessionAffinity = affinity ?? "" },
    };

    /// <summary>An EndpointSlice of <paramref name="service"/> with one endpoint at 127.0.0.1:<paramref name="port"/>.</summary>
    public static EndpointSlice Slice(string service, string name, int port, bool ready = true, string ns = "default") => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = ns, Labels = Labels.Of((EndpointSlice.ServiceNameLabel, service)) },
        AddressType = AddressTypes.IPv4,
        Endpoints = [new Endpoint { Addresses = ["127.0.0.1"], Conditions = new EndpointConditions(ready) }],
        Ports = [new EndpointPort("http", "TCP", port)],
    };

    /// <summary>The Service and one slice per backend port.</summary>
    public static IEnumerable<KubeObject> ServiceWith(string name, params int[] ports) =>
        [Service(name), .. ports.Select((port, i) => (KubeObject)Slice(name, $"{name}-{i}", port))];

    public static IngressBackend To(string service, int port = 80) =>
        new() { Service = new IngressServiceBackend { Name = service, Port = new ServiceBackendPort { Number = port } } };

    public static HttpIngressPath Path(string type, string path, string service) => new() { PathType = type, Path = path, Backend = To(service) };

    public static IngressRule Rule(string? host, params HttpIngressPath[] paths) =>
        new() { Host = host, Http = new HttpIngressRuleValue { Paths = [.. paths] } };

    public static Ingress Ingress(string name, IngressRule[] rules, IngressBackend? defaultBackend = null, IngressTls[]? tls = null,
        (string Key, string Value)[]? annotations = null, string ns = "default") => new()
    {
        Metadata = new ObjectMeta
        {
            Name = name,
            Namespace = ns,
            Annotations = annotations is null ? Labels.Empty : Labels.Of([.. annotations.Select(a => ("nginx.ingress.kubernetes.io/" + a.Key, a.Value))]),
        },
        Spec = new IngressSpec { Rules = [.. rules], DefaultBackend = defaultBackend, Tls = tls is null ? [] : [.. tls] },
    };

    /// <summary>A kubernetes.io/tls Secret with a fresh self-signed certificate whose subject is CN=<paramref name="host"/>.</summary>
    public static Secret TlsSecret(string name, string host, string ns = "default")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={host}", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return TlsSecret(name, certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem(), ns);
    }

    public static Secret TlsSecret(string name, string certificatePem, string keyPem, string ns = "default") => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = ns },
        Type = Secret.TlsType,
        Data = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, ImmutableArray<byte>>
        {
            ["tls.crt"] = [.. Encoding.UTF8.GetBytes(certificatePem)],
            ["tls.key"] = [.. Encoding.UTF8.GetBytes(keyPem)],
        }),
    };

    public static ConfigMap ConfigMap(string ns, string name, params (string Key, string Value)[] data) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = ns },
        Data = Labels.Of(data),
    };
}
