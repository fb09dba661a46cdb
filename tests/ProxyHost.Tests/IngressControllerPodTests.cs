using RoutingCore.Model;
using RoutingCore.ProxyHost.DemoPods;

namespace RoutingCore.ProxyHost.Tests;

/// <summary>How the sample host reads an ingress-nginx controller pod's flags, with the kubelet's $(VAR) expansion.</summary>
public sealed class IngressControllerPodTests
{
    private static readonly Dictionary<string, string> Env = new(StringComparer.Ordinal) { ["POD_NAMESPACE"] = "ingress-nginx", ["EMPTY"] = "" };

    [Theory]
    [InlineData("--configmap=$(POD_NAMESPACE)/nginx-configuration", "--configmap=ingress-nginx/nginx-configuration")]
    [InlineData("$(EMPTY)x", "x")]
    [InlineData("$(UNDEFINED)/x", "$(UNDEFINED)/x")]
    [InlineData("$$(POD_NAMESPACE)", "$(POD_NAMESPACE)")]
    [InlineData("cost: $5", "cost: $5")]
    [InlineData("$(POD_NAMESPACE", "$(POD_NAMESPACE")]
    [InlineData("trailing $", "trailing $")]
    public void ExpandsReferencesAsTheKubeletDoes(string text, string expected) =>
        Assert.Equal(expected, PodEnvironment.Expand(text, Env));

    [Theory]
    [InlineData("registry.k8s.io/ingress-nginx/controller:v1.11.2@sha256:abc", "IngressController")]
    [InlineData("quay.io/kubernetes-ingress-controller/nginx-ingress-controller:0.20.0", "IngressController")]
    [InlineData("nginx:1.27", "Nginx")]
    [InlineData("traefik:v3", "Unsupported")]
    public void RecognisesTheControllerImage(string image, string expected) => Assert.Equal(expected, DemoImage.Classify(image).ToString());

    [Fact]
    public void ReadsTheConfigMapAndPortFlagsWithExpandedReferences()
    {
        var pod = Pod(["/nginx-ingress-controller"], ["--configmap=$(POD_NAMESPACE)/nginx-configuration", "--http-port", "8081", "--https-port=8444", "--enable-ssl-passthrough"]);

        var controller = IngressControllerPod.Read(pod, pod.Spec.Containers[0]);

        Assert.Equal(new IngressControllerPod("ingress-nginx", "controller-abc", "ingress-nginx", "nginx-configuration", 8081, 8444, 10254), controller);
    }

    [Fact]
    public void WithoutFlagsTheControllerHasNoConfigMapAndTheDefaultPorts()
    {
        var pod = Pod([], []);

        Assert.Equal(new IngressControllerPod("ingress-nginx", "controller-abc", null, null, 80, 443, 10254), IngressControllerPod.Read(pod, pod.Spec.Containers[0]));
    }

    [Fact]
    public void ABareConfigMapNameIsInThePodsNamespaceAndABadPortKeepsTheDefault()
    {
        var pod = Pod([], ["--configmap", "settings", "--http-port=http"]);

        var controller = IngressControllerPod.Read(pod, pod.Spec.Containers[0]);

        Assert.Equal(("ingress-nginx", "settings", 80), (controller.ConfigMapNamespace, controller.ConfigMapName, controller.HttpPort));
    }

    private static Pod Pod(string[] command, string[] args) => new()
    {
        Metadata = new ObjectMeta { Namespace = "ingress-nginx", Name = "controller-abc" },
        Spec = new PodSpec
        {
            Containers =
            [
                new Container
                {
                    Name = "controller",
                    Image = "registry.k8s.io/ingress-nginx/controller:v1.11.2",
                    Command = [.. command],
                    Args = [.. args],
                    Env = [new EnvVar("POD_NAMESPACE", null, new EnvVarSource(new ObjectFieldSelector("metadata.namespace")))],
                },
            ],
        },
    };
}
