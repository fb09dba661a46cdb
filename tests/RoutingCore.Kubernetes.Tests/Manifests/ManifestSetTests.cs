using RoutingCore.Kubernetes.Manifests;
using RoutingCore.Model;
using RoutingCore.State;

namespace RoutingCore.Kubernetes.Tests.Manifests;

/// <summary>Issue 5 deliverables 2 and 3: apply by kind/namespace/name, prune limited to the set's own objects, all or nothing.</summary>
public sealed class ManifestSetTests
{
    [Fact]
    public void MAN3_ReapplyUpdatesTheSameObject()
    {
        using var dir = new TempDirectory();
        var state = TestFiles.NewState();
        var set = new ManifestSet(state, [dir.Path]);
        dir.Write("web.yaml", Yaml.Service("web", 80));
        var first = set.Apply();
        var uid = state.Get<Service>("default", "web")!.Metadata.Uid;

        dir.Write("web.yaml", Yaml.Service("web", 8080));
        var second = set.Apply();

        Assert.True(first.Succeeded && second.Succeeded);
        var web = state.Get<Service>("default", "web")!;
        Assert.Equal(uid, web.Metadata.Uid);
        Assert.Equal(8080, web.Spec.Ports[0].Port);
        Assert.Equal(2, web.Metadata.Generation);
        Assert.Equal([web.Metadata.ResourceVersion], second.Applied.Select(o => o.Metadata.ResourceVersion));
        Assert.Empty(second.Pruned);
    }

    [Fact]
    public void MAN3_ObjectsRemovedFromTheFilesArePruned()
    {
        using var dir = new TempDirectory();
        var state = TestFiles.NewState();
        var set = new ManifestSet(state, [dir.Path]);
        dir.Write("app.yaml", Yaml.Documents(Yaml.Namespace("shop"), Yaml.Service("web", ns: "shop"), Yaml.Service("api", ns: "shop")));
        dir.Write("other.yaml", Yaml.Service("cart"));
        set.Apply();

        dir.Write("app.yaml", Yaml.Documents(Yaml.Namespace("shop"), Yaml.Service("web", ns: "shop")));
        dir.Delete("other.yaml");
        var result = set.Apply();

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(["Service default/cart", "Service shop/api"], result.Pruned.Select(k => k.ToString()));
        Assert.Null(state.Get<Service>("shop", "api"));
        Assert.Null(state.Get<Service>("default", "cart"));
        Assert.NotNull(state.Get<Service>("shop", "web"));
        Assert.Equal(["Namespace shop", "Service shop/web"], set.OwnedObjects.Select(k => k.ToString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void MAN3_PruneLeavesObjectsItDidNotCreateAlone()
    {
        using var dir = new TempDirectory();
        using var other = new TempDirectory();
        var state = TestFiles.NewState();
        state.Create(new Service { Metadata = new ObjectMeta { Name = "by-hand" }, Spec = new ServiceSpec { Ports = [new ServicePort { Port = 80 }] } });
        var mine = new ManifestSet(state, [dir.Path]);
        var theirs = new ManifestSet(state, [other.Path]);
        other.Write("theirs.yaml", Yaml.Service("theirs"));
        theirs.Apply();

        // The set declares objects that already exist: it updates them but does not own them.
        dir.Write("all.yaml", Yaml.Documents(Yaml.Namespace("default"), Yaml.Service("by-hand", 81), Yaml.Service("theirs", 82), Yaml.Service("mine")));
        Assert.True(mine.Apply().Succeeded);
        Assert.Equal(81, state.Get<Service>("default", "by-hand")!.Spec.Ports[0].Port);

        dir.Write("all.yaml", Yaml.Service("mine"));
        var result = mine.Apply();

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Empty(result.Pruned);
        Assert.NotNull(state.Get<Namespace>("", "default"));
        Assert.NotNull(state.Get<Service>("default", "by-hand"));
        Assert.NotNull(state.Get<Service>("default", "theirs"));
    }

    [Fact]
    public void MAN2_AFileSetWithAnErrorAppliesNothingNotEvenThePrune()
    {
        using var dir = new TempDirectory();
        var state = TestFiles.NewState();
        var set = new ManifestSet(state, [dir.Path]);
        dir.Write("a.yaml", Yaml.Documents(Yaml.Service("web"), Yaml.Service("api")));
        set.Apply();
        var before = state.ResourceVersion;

        // web changes, api disappears, and a third object is invalid: none of it happens.
        dir.Write("a.yaml", Yaml.Documents(Yaml.Service("web", 8080), Yaml.Service("bad", 0)));
        var result = set.Apply();

        Assert.False(result.Succeeded);
        Assert.Empty(result.Applied);
        Assert.Empty(result.Pruned);
        Assert.Equal(before, state.ResourceVersion);
        Assert.Equal(80, state.Get<Service>("default", "web")!.Spec.Ports[0].Port);
        Assert.NotNull(state.Get<Service>("default", "api"));
        var error = Assert.Single(result.Errors).ToString();
        Assert.StartsWith($"{Path.Join(dir.Path, "a.yaml")}:12:1: error: document 2: Service \"bad\" is invalid: [spec.ports[0].port: Invalid value: 0:", error, StringComparison.Ordinal);

        // The set still owns api: fixing the file prunes it.
        dir.Write("a.yaml", Yaml.Service("web", 8080));
        Assert.Equal(["Service default/api"], set.Apply().Pruned.Select(k => k.ToString()));
    }

    [Fact]
    public void MAN1_DirectoriesAreReadRecursivelyInOrderSkippingHiddenAndOtherFiles()
    {
        using var dir = new TempDirectory();
        dir.Write(Path.Join("sub", "b.yaml"), Yaml.Service("b"));
        dir.Write("c.json", """{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "c"}, "spec": {"ports": [{"port": 80}]}}""");
        dir.Write("a.yml", Yaml.Service("a"));
        dir.Write(".a.yaml.swp", "not yaml: [");
        dir.Write(Path.Join(".git", "x.yaml"), Yaml.Service("git"));
        dir.Write("README.md", "# not a manifest");

        var loaded = ManifestLoader.Load(dir.Path);

        Assert.False(loaded.HasErrors, string.Join("\n", loaded.Errors));
        Assert.Equal(["a", "c", "b"], loaded.Objects.Select(o => o.Object.Name));
        Assert.Equal(Path.Join(dir.Path, "sub", "b.yaml"), loaded.Objects[2].Source.File);
    }

    [Fact]
    public void MAN2_AMissingPathIsAnError()
    {
        var result = new ManifestSet(TestFiles.NewState(), ["no/such/dir"]).Apply();

        Assert.Equal(["no/such/dir: error: the path \"no/such/dir\" does not exist"], result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void MAN1_APodKeepsTheStatusItsManifestGives()
    {
        var state = TestFiles.NewState();
        var loaded = ManifestLoader.Load(Path.Join("Golden", "pod", "in"));

        state.ApplyBatch(loaded.Objects.Select(o => o.Object));

        var pod = state.Get<Pod>("default", "web-1")!;
        Assert.True(pod.IsReady);
        Assert.Equal("10.244.0.7", pod.Status.PodIP);
    }
}
