using System.Threading.Channels;
using RoutingCore.Kubernetes.Manifests;
using RoutingCore.Kubernetes.Tests.Manifests;
using RoutingCore.Kubernetes.Watching;
using RoutingCore.Model;
using RoutingCore.State;

namespace RoutingCore.Kubernetes.Tests.Watching;

/// <summary>
/// Issue 5 deliverable 5 end to end: real files in a temp directory, real file-system events and a short real
/// debounce. Tests wait for the watcher's reports (never a fixed sleep) and dispose it.
/// </summary>
public sealed class ManifestWatcherTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task MAN5_AChangedFileIsReappliedAndARemovedOnePruned()
    {
        using var dir = new TempDirectory();
        dir.Write("web.yaml", Yaml.Service("web", 80));
        dir.Write("api.yaml", Yaml.Service("api", 80));
        var state = TestFiles.NewState();
        using var watcher = NewWatcher(state, dir.Path, out var results);

        Assert.True(watcher.Start().Succeeded);
        dir.Write("web.yaml", Yaml.Service("web", 8080));
        dir.Delete("api.yaml");

        await NextAsync(results, r => r.Succeeded && state.Get<Service>("default", "api") is null && Port(state, "web") == 8080);
    }

    [Fact]
    public async Task MAN5_AHalfWrittenFileNeverAppliesPartially()
    {
        using var dir = new TempDirectory();
        dir.Write("app.yaml", Yaml.Documents(Yaml.Service("web", 80), Yaml.Service("api", 80)));
        var state = TestFiles.NewState();
        using var watcher = NewWatcher(state, dir.Path, out var results);
        Assert.True(watcher.Start().Succeeded);
        var good = state.ResourceVersion;

        // The writer has written the new first document and half of the second: web's change must not apply, and
        // api (cut off mid-document) must not be pruned.
        var complete = Yaml.Documents(Yaml.Service("web", 8080), Yaml.Service("api", 9090));
        dir.Write("app.yaml", complete[..(complete.LastIndexOf("ports:", StringComparison.Ordinal) + 9)]);

        var failed = await NextAsync(results, r => !r.Succeeded);
        Assert.Contains(failed.Errors, e => e.File.EndsWith("app.yaml", StringComparison.Ordinal) && e.Line > 0);
        Assert.Equal(good, state.ResourceVersion);
        Assert.Equal(80, Port(state, "web"));
        Assert.Equal(80, Port(state, "api"));

        dir.Write("app.yaml", complete);
        await NextAsync(results, r => r.Succeeded && Port(state, "web") == 8080 && Port(state, "api") == 9090);
    }

    [Fact]
    public async Task MAN5_AnEditorsRenameOverAWatchedFileIsSeen()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("web.yaml", Yaml.Service("web", 80));
        var state = TestFiles.NewState();
        using var watcher = NewWatcher(state, file, out var results);
        Assert.True(watcher.Start().Succeeded);

        // Write elsewhere, then move over the watched file, as editors save atomically.
        var temp = dir.Write(Path.Join("tmp", "web.yaml.new"), Yaml.Service("web", 8443));
        File.Move(temp, file, overwrite: true);

        await NextAsync(results, r => r.Succeeded && Port(state, "web") == 8443);
    }

    [Theory]
    [InlineData("web.yaml", true)]
    [InlineData("sub/api.YML", true)]
    [InlineData("config.json", true)]
    [InlineData("subdirectory", true)]
    [InlineData(".web.yaml.swp", false)]
    [InlineData("web.yaml~", false)]
    [InlineData(".git/HEAD", false)]
    [InlineData("README.md", false)]
    public void MAN5_OnlyManifestFilesAndDirectoriesTriggerAnApply(string relativePath, bool relevant) =>
        Assert.Equal(relevant, ManifestWatcher.IsRelevant(relativePath));

    [Fact]
    public void MAN5_WatchingAPathThatDoesNotExistFails()
    {
        using var watcher = new ManifestWatcher(new ManifestSet(TestFiles.NewState(), ["no/such/dir/web.yaml"]));

        Assert.Throws<DirectoryNotFoundException>(() => watcher.Start());
    }

    private static ManifestWatcher NewWatcher(ClusterState state, string path, out Channel<ManifestApplyResult> results)
    {
        var channel = Channel.CreateUnbounded<ManifestApplyResult>();
        var watcher = new ManifestWatcher(new ManifestSet(state, [path]), new ManifestWatcherOptions { Debounce = TimeSpan.FromMilliseconds(50) });

        // The initial apply is returned by Start; only later ones go to the channel.
        var initial = true;
        watcher.Applied += (_, result) =>
        {
            if (!initial)
            {
                channel.Writer.TryWrite(result);
            }

            initial = false;
        };
        results = channel;
        return watcher;
    }

    /// <summary>The next reported apply that satisfies <paramref name="match"/>; fails after <see cref="Patience"/>.</summary>
    private static async Task<ManifestApplyResult> NextAsync(Channel<ManifestApplyResult> results, Func<ManifestApplyResult, bool> match)
    {
        using var timeout = new CancellationTokenSource(Patience);
        await foreach (var result in results.Reader.ReadAllAsync(timeout.Token))
        {
            if (match(result))
            {
                return result;
            }
        }

        throw new InvalidOperationException("unreachable: the channel is never completed");
    }

    private static int Port(ClusterState state, string name) => state.Get<Service>("default", name)!.Spec.Ports[0].Port;
}
