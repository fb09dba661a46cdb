using k8s.Models;
using RoutingCore.Kubernetes.Manifests;
using RoutingCore.Kubernetes.Mapping;
using RoutingCore.Kubernetes.Tests.Manifests;
using RoutingCore.Model;

namespace RoutingCore.Kubernetes.Tests.Mapping;

/// <summary>Issue 5 deliverable 1: one mapping per kind, both directions, lossless for everything the model holds.</summary>
public sealed class KubernetesMapperTests
{
    public static TheoryData<string> GoldenCases()
    {
        var cases = new TheoryData<string>();
        foreach (var directory in Directory.GetDirectories("Golden").Where(d => !Path.GetFileName(d).StartsWith("error-", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            cases.Add(Path.GetFileName(directory));
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(GoldenCases))]
    public void MAN1_ModelToApiToModelIsLossless(string name)
    {
        var objects = ManifestLoader.Load(Path.Join("Golden", name, "in")).Objects.Select(o => o.Object).ToList();
        Assert.NotEmpty(objects);

        var roundTripped = objects.Select(o => KubernetesMapper.ToModel(KubernetesMapper.ToKubernetes(o))).ToList();

        Assert.Equal(ModelJson.Serialize(objects), ModelJson.Serialize(roundTripped));
    }

    [Fact]
    public void MAN1_EveryStoredKindIsSupportedWithItsApiVersion()
    {
        foreach (var kind in ObjectKinds.All)
        {
            Assert.True(KubernetesMapper.IsSupported(kind.ApiVersion(), kind.ToString()), kind.ToString());
        }

        Assert.False(KubernetesMapper.IsSupported("networking.k8s.io/v1beta1", "Ingress"));
        Assert.False(KubernetesMapper.IsSupported("batch/v1", "Job"));
        Assert.Throws<ArgumentException>(() => KubernetesMapper.ToModel(new V1Job()));
    }

    [Fact]
    public void MAN1_NamespacesDefaultForNamespacedKindsAndAreDroppedForClusterScopedOnes()
    {
        var service = KubernetesMapper.ToModel(new V1Service { Metadata = new V1ObjectMeta { Name = "web" } });
        var ns = KubernetesMapper.ToModel(new V1Namespace { Metadata = new V1ObjectMeta { Name = "shop", NamespaceProperty = "elsewhere" } });

        Assert.Equal("default", service.Namespace);
        Assert.Equal("", ns.Namespace);
    }

    [Fact]
    public void MAN1_ARunningPodReportsItsContainersAsTheKubeletWould()
    {
        var pod = new Pod
        {
            Metadata = new ObjectMeta { Name = "web-1", Namespace = "default" },
            Spec = new PodSpec
            {
                InitContainers = [new Container { Name = "setup", Image = "busybox" }, new Container { Name = "proxy", Image = "envoy", RestartPolicy = "Always" }],
                Containers = [new Container { Name = "app", Image = "nginx" }],
            },
            Status = new Model.PodStatus { Phase = PodPhases.Running, Conditions = [new PodCondition(PodConditionTypes.Ready, ConditionStatus.False)] },
        };

        var api = (V1Pod)KubernetesMapper.ToKubernetes(pod);
        var pending = (V1Pod)KubernetesMapper.ToKubernetes(pod with { Status = new Model.PodStatus() });

        Assert.False(api.Status.ContainerStatuses.Single().Ready);
        Assert.NotNull(api.Status.ContainerStatuses[0].State.Running);
        Assert.Equal("Completed", api.Status.InitContainerStatuses[0].State.Terminated.Reason);
        Assert.NotNull(api.Status.InitContainerStatuses[1].State.Running);
        Assert.Null(pending.Status.ContainerStatuses);
        Assert.Equal("Pending", pending.Status.Phase);
    }
}
