using FsCheck;
using FsCheck.Fluent;
using RoutingCore.Model;
using RoutingCore.Validation;
using static RoutingCore.Tests.Validation.ServiceFixtures;

namespace RoutingCore.Tests.Validation;

/// <summary>Properties over generated manifests; a fixed seed keeps every run identical.</summary>
public sealed class ServicePropertyTests
{
    private static readonly Rnd Seed = new(20240611);

    private static readonly Gen<ServicePort> PortGen =
        from number in Gen.Choose(8, 65535)
        from protocol in Gen.Elements("", "TCP", "UDP")
        from target in Gen.Elements(IntOrString.FromNumber(0), IntOrString.FromNumber(8080), IntOrString.FromName("http"), IntOrString.FromName(""))
        from appProtocol in Gen.Elements<string?>(null, "http", "kubernetes.io/h2c")
        select new ServicePort { Port = number, Protocol = protocol, TargetPort = target, AppProtocol = appProtocol };

    /// <summary>Valid manifests as users write them: defaults left out, several types, ports and policies.</summary>
    private static readonly Gen<Service> ValidManifests =
        from type in Gen.Elements("", ServiceTypes.ClusterIP, ServiceTypes.NodePort, ServiceTypes.LoadBalancer)
        from portCount in Gen.Choose(1, 4)
        from ports in Gen.ListOf(PortGen, portCount)
        from headless in Gen.Elements(false, false, true)
        from externalIPs in Gen.Elements<string[]>([], ["203.0.113.7"], ["203.0.113.7", "2001:db8::7"])
        from affinity in Gen.Elements("", ServicePolicies.None, ServicePolicies.ClientIP)
        from externalPolicy in Gen.Elements<string?>(null, ServicePolicies.Cluster, ServicePolicies.Local)
        from internalPolicy in Gen.Elements<string?>(null, ServicePolicies.Cluster, ServicePolicies.Local)
        let clusterIPType = type is "" or ServiceTypes.ClusterIP
        let accessible = !clusterIPType || externalIPs.Length > 0
        select Make(type, [.. ports.Select((p, i) => p with { Name = ports.Count > 1 ? $"p{i}" : "", Port = p.Port - (p.Port % 8) + i })])
            .WithSpec(s => s with
            {
                ClusterIP = headless && clusterIPType ? ServicePolicies.None : "",
                ExternalIPs = [.. externalIPs],
                SessionAffinity = affinity,
                ExternalTrafficPolicy = accessible ? externalPolicy : null,
                InternalTrafficPolicy = internalPolicy,
            });

    private static Service[] Samples(int count) => ValidManifests.Sample(count, Seed, 10);

    [Fact]
    public void SVC_D_ValidManifestsPassCreate()
    {
        var samples = Samples(300);
        foreach (var manifest in samples)
        {
            ErrorAssert.Empty(Create(manifest));
        }

        // The generator must reach the interesting shapes, or the properties prove little.
        Assert.Equal(4, samples.Select(s => s.Spec.Type).Distinct().Count());
        Assert.Contains(samples, s => s.Spec.ClusterIP == ServicePolicies.None);
        Assert.Contains(samples, s => s.Spec.Type == ServiceTypes.LoadBalancer && s.Spec.ExternalTrafficPolicy == ServicePolicies.Local);
        Assert.Contains(samples, s => s.Spec.Ports.Length == 4 && s.Spec.Ports.Any(p => p.TargetPort.IsName));
    }

    [Fact]
    public void SVC_V20_ResubmittingAManifestOverItsStoredFormIsValidAndKeepsAllocations()
    {
        foreach (var manifest in Samples(300))
        {
            var stored = Stored(manifest);
            var applied = ServiceDefaults.Apply(manifest, stored);
            ErrorAssert.Empty(ServiceValidation.ValidateUpdate(applied, stored, ValidationOptions.Default));
            Assert.Equal(stored.Spec.ClusterIP, applied.Spec.ClusterIP);
            Assert.Equal(stored.Spec.Ports.Select(p => p.NodePort), applied.Spec.Ports.Select(p => p.NodePort));
            Assert.Equal(stored.Spec.HealthCheckNodePort, applied.Spec.HealthCheckNodePort);
        }
    }

    [Fact]
    public void SVC_D_DefaultingIsAFixpoint()
    {
        // Mutations that make many manifests invalid: defaulting must still settle in one pass.
        var mutated = Samples(200).Select((s, i) => s.WithSpec(spec => (i % 4) switch
        {
            0 => spec with { Type = ServiceTypes.ExternalName, ExternalName = "example.com" },
            1 => spec with { Ports = [.. spec.Ports.Select(p => p with { Port = 0 })] },
            2 => spec with { SessionAffinity = "Sticky", ExternalTrafficPolicy = "Local" },
            _ => spec with { ClusterIP = "10.96.0.5", ClusterIPs = ["10.96.0.6"] },
        }));
        foreach (var manifest in mutated)
        {
            var once = ServiceDefaults.Apply(manifest, null);
            var twice = ServiceDefaults.Apply(once, null);
            Assert.Equal(
                ServiceValidation.ValidateCreate(once, ValidationOptions.Default).Select(e => e.ToString()),
                ServiceValidation.ValidateCreate(twice, ValidationOptions.Default).Select(e => e.ToString()));
            Assert.Equal(once.Spec.Ports, twice.Spec.Ports);
            Assert.Equal(once.Spec.ClusterIPs, twice.Spec.ClusterIPs);

            // Arrays compare by reference inside records, so the element-wise checks above cover them.
            Assert.Equal(once.Spec with { Ports = [], ClusterIPs = [] }, twice.Spec with { Ports = [], ClusterIPs = [] });
        }
    }
}
