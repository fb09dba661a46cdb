using System.Text.Json.Nodes;
using RoutingCore.Kubernetes.Manifests;
using RoutingCore.Kubernetes.Output;
using RoutingCore.Kubernetes.Tests.Manifests;
using RoutingCore.Model;

namespace RoutingCore.Kubernetes.Tests.Output;

/// <summary>Issue 5 deliverable 6: <c>-o yaml</c> and <c>-o json</c> of stored objects, in API shape with status.</summary>
public sealed class KubectlObjectOutputTests
{
    /// <summary>Field names and order are KubernetesYaml's (kubectl sorts keys; the content is the same).</summary>
    [Fact]
    public void MAN6_YamlOfOneObjectIsItsApiShape()
    {
        var (state, _) = FixtureCluster.Build();
        var nginx = state.Get<IngressClass>("", "nginx")!;

        var yaml = KubectlPrinter.PrintYaml(nginx);

        Assert.Equal(
            $"""
            apiVersion: networking.k8s.io/v1
            kind: IngressClass
            metadata:
              creationTimestamp: "2026-01-01T00:00:00Z"
              generation: 1
              name: nginx
              resourceVersion: "{nginx.Metadata.ResourceVersion}"
              uid: {nginx.Metadata.Uid}
            spec:
              controller: k8s.io/ingress-nginx
              parameters:
                kind: IngressParameters
                apiGroup: k8s.example.com
                name: nginx-config
                scope: Cluster

            """.Replace("\r\n", "\n", StringComparison.Ordinal),
            yaml);
    }

    [Fact]
    public void MAN6_YamlOfAListingIsAV1List()
    {
        var (state, _) = FixtureCluster.Build();

        var yaml = KubectlPrinter.PrintYaml(state.List<Service>("shop"));

        Assert.StartsWith("apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Service\n  metadata:\n", yaml, StringComparison.Ordinal);
        Assert.EndsWith("kind: List\nmetadata:\n  resourceVersion: \"\"\n", yaml, StringComparison.Ordinal);
        var reread = ManifestLoader.LoadText(yaml, "listing.yaml");
        Assert.False(reread.HasErrors, string.Join("\n", reread.Errors));
        Assert.Equal(["shop/cart"], reread.Objects.Select(o => $"{o.Object.Namespace}/{o.Object.Name}"));
    }

    [Fact]
    public void MAN6_JsonCarriesStatusAndIsIndentedByFourSpaces()
    {
        var (state, _) = FixtureCluster.Build();

        var json = KubectlPrinter.PrintJson(state.Get<Service>("default", "web-lb")!);

        Assert.StartsWith("{\n    \"apiVersion\": \"v1\",\n    \"kind\": \"Service\",\n    \"metadata\": {\n        \"creationTimestamp\": \"2026-01-01T00:00:00Z\",", json, StringComparison.Ordinal);
        var parsed = JsonNode.Parse(json)!;
        Assert.Equal("192.0.2.241", (string?)parsed["status"]!["loadBalancer"]!["ingress"]![0]!["ip"]);
        Assert.Equal(30443, (int?)parsed["spec"]!["ports"]![1]!["nodePort"]);

        var list = JsonNode.Parse(KubectlPrinter.PrintJson(state.List<Pod>("shop")))!;
        Assert.Equal("List", (string?)list["kind"]);
        Assert.Equal("cart-1", (string?)list["items"]![0]!["metadata"]!["name"]);
        Assert.Equal(2, list["items"]![0]!["status"]!["containerStatuses"]!.AsArray().Count + list["items"]![0]!["status"]!["initContainerStatuses"]!.AsArray().Count);
    }

    [Fact]
    public void MAN6_SecretDataIsBase64InYamlAndJson()
    {
        var secret = new Secret
        {
            Metadata = new ObjectMeta { Name = "creds", Namespace = "default" },
            Type = Secret.OpaqueType,
            Data = ImmutableSortedDictionaryOf(("token", "hi")),
        };

        Assert.Contains("data:\n  token: aGk=\n", KubectlPrinter.PrintYaml(secret), StringComparison.Ordinal);
        Assert.Equal("aGk=", (string?)JsonNode.Parse(KubectlPrinter.PrintJson(secret))!["data"]!["token"]);
    }

    [Fact]
    public void MAN1_EveryStoredObjectSurvivesTheRoundTripThroughYaml()
    {
        var (state, _) = FixtureCluster.Build();
        var stored = new List<KubeObject>();
        foreach (var kind in ObjectKinds.All)
        {
            stored.AddRange(state.Current.List(kind));
        }

        Assert.Contains(stored, o => o is EndpointSlice);
        foreach (var obj in stored)
        {
            var reread = ManifestLoader.LoadText(KubectlPrinter.PrintYaml(obj), "object.yaml");
            Assert.False(reread.HasErrors, string.Join("\n", reread.Errors));
            var expected = obj.WithMetadata(obj.Metadata with { Uid = "", ResourceVersion = "", Generation = 0, CreationTimestamp = null, DeletionTimestamp = null });
            Assert.Equal(ModelJson.Serialize([expected]), ModelJson.Serialize([reread.Objects.Single().Object]));
        }
    }

    private static System.Collections.Immutable.ImmutableSortedDictionary<string, System.Collections.Immutable.ImmutableArray<byte>> ImmutableSortedDictionaryOf(params (string Key, string Text)[] entries) =>
        System.Collections.Immutable.ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal,
            entries.Select(e => KeyValuePair.Create(e.Key, System.Collections.Immutable.ImmutableArray.Create(System.Text.Encoding.UTF8.GetBytes(e.Text)))));
}
