using System.Text;
using System.Text.RegularExpressions;
using RoutingCore.Model;
using RoutingCore.Workloads;
using static RoutingCore.Tests.State.Fixtures;
using static RoutingCore.Tests.Workloads.WorkloadFixtures;

namespace RoutingCore.Tests.Workloads;

public sealed class NamingTests
{
    [Theory]
    [InlineData("", 0x811c9dc5u)]
    [InlineData("a", 0xe40c292cu)]
    [InlineData("foobar", 0xbf9cf968u)]
    public void Fnv32aMatchesTheReferenceVectors(string input, uint expected) =>
        Assert.Equal(expected, PodTemplateHash.Fnv32a(Encoding.ASCII.GetBytes(input)));

    [Theory]
    // Each decimal digit's byte value modulo 27 indexes the alphabet: '0' (48) -> '4', '6' (54) -> 'b', '9' (57) -> 'f'.
    [InlineData(0u, "4")]
    [InlineData(1234567890u, "56789bcdf4")]
    [InlineData(4294967295u, "86f8fbc6f9")]
    public void TheSumIsRenderedInDecimalThroughTheSafeAlphabet(uint sum, string expected) =>
        Assert.Equal(expected, PodTemplateHash.Encode(sum));

    [Fact]
    public void TheHashIsStableForEqualTemplatesAndChangesWithTheTemplate()
    {
        var a = Deployment();
        var b = Deployment(); // equal content, distinct instances
        Assert.Equal(TemplateHash(a), TemplateHash(b));
        Assert.Matches("^[" + SafeAlphabet + "]{1,10}$", TemplateHash(a));

        var hashes = new[]
        {
            TemplateHash(a),
            TemplateHash(a.WithImage("echo:2")),
            TemplateHash(a with { Spec = a.Spec with { Template = a.Spec.Template with { Metadata = new ObjectMeta { Labels = Labels.Of(("app", "web"), ("v", "2")) } } } }),
            TemplateHash(a with { Spec = a.Spec with { Template = a.Spec.Template with { Metadata = a.Spec.Template.Metadata with { Annotations = Labels.Of(("note", "x")) } } } }),
        };
        Assert.Equal(hashes.Length, hashes.Distinct().Count());

        // Replicas and strategy are not part of the template.
        Assert.Equal(TemplateHash(a), TemplateHash(a.WithReplicas(7) with { Spec = a.WithReplicas(7).Spec with { Strategy = Rolling(1, 0) } }));
    }

    [Fact]
    public void SpelledOutDefaultsHashLikeOmittedOnes()
    {
        var omitted = Deployment();
        var container = omitted.Spec.Template.Spec.Containers[0];
        var spelled = omitted with
        {
            Spec = omitted.Spec with
            {
                Template = omitted.Spec.Template with
                {
                    Spec = omitted.Spec.Template.Spec with { Containers = [container with { Ports = [container.Ports[0] with { Protocol = "TCP" }] }] },
                },
            },
        };
        Assert.Equal(TemplateHash(omitted), TemplateHash(spelled));
    }

    [Fact]
    public void PodsAreNamedAsAReplicaSetNamesThem()
    {
        var state = NewState();
        WorkloadsController.AddTo(state);
        var deployment = state.Create(Deployment(replicas: 3));
        state.Sync();

        var hash = TemplateHash(deployment);
        var pods = state.PodsOf();
        Assert.Equal(3, pods.Count);
        Assert.Equal(3, pods.Select(p => p.Metadata.Name).Distinct().Count());
        foreach (var pod in pods)
        {
            Assert.Matches("^web-" + Regex.Escape(hash) + "-[" + SafeAlphabet + "]{5}$", pod.Metadata.Name);
            Assert.Equal(Labels.Of(("app", "web"), ("pod-template-hash", hash)), pod.Metadata.Labels);
            var owner = Assert.Single(pod.Metadata.OwnerReferences);
            Assert.Equal(new OwnerReference("apps/v1", "Deployment", "web", deployment.Metadata.Uid, Controller: true), owner);
            Assert.Equal("echo:1", pod.Spec.Containers[0].Image);
            Assert.Equal("TCP", pod.Spec.Containers[0].Ports[0].Protocol);
            Assert.Equal("node-1", pod.Spec.NodeName);
        }
    }

    [Fact]
    public void LongNamesAreCutTo58CharactersBeforeTheSuffix()
    {
        var name = new string('d', 60);
        Assert.Equal(name[..58], WorkloadPods.GenerateName(name, "5d59d67564"));
        Assert.Equal("web-5d59d67564-", WorkloadPods.GenerateName("web", "5d59d67564"));

        var state = NewState();
        WorkloadsController.AddTo(state);
        state.Create(Deployment(name, replicas: 1));
        state.Sync();
        var pod = Assert.Single(state.PodsOf(name));
        Assert.Equal(63, pod.Metadata.Name.Length);
        Assert.StartsWith(name[..58], pod.Metadata.Name, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSameSeedNamesTheSamePods()
    {
        List<string> Run()
        {
            var state = NewState();
            WorkloadsController.AddTo(state);
            state.Create(Deployment(replicas: 4));
            state.Sync();
            return [.. state.PodsOf().Select(p => p.Metadata.Name)];
        }

        Assert.Equal(Run(), Run());
    }
}
