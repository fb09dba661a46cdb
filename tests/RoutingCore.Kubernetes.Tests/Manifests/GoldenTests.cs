using System.Text;
using RoutingCore.Kubernetes.Manifests;

namespace RoutingCore.Kubernetes.Tests.Manifests;

/// <summary>
/// Issue 5 deliverables 1 and 2 as golden files: each directory under <c>Golden/</c> holds manifests under <c>in/</c>;
/// the objects they map to are compared with <c>model.json</c> and every diagnostic of loading and applying them (to a
/// fresh store) with <c>diagnostics.txt</c>. Set <c>ROUTINGCORE_UPDATE_GOLDEN=1</c> to rewrite the expected files after a
/// deliberate change, then review the diff.
/// </summary>
public sealed class GoldenTests
{
    public static TheoryData<string> Cases()
    {
        var cases = new TheoryData<string>();
        foreach (var directory in Directory.GetDirectories("Golden").Order(StringComparer.Ordinal))
        {
            cases.Add(Path.GetFileName(directory));
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MAN1_MAN2_ManifestsMapToTheModelAndReportEveryProblem(string name)
    {
        var directory = Path.Join("Golden", name);
        var input = Path.Join(directory, "in");

        var loaded = ManifestLoader.Load(input);
        var applied = new ManifestSet(TestFiles.NewState(), [input]).Apply();

        var diagnostics = new StringBuilder();
        foreach (var diagnostic in applied.Errors.Concat(applied.Warnings))
        {
            diagnostics.Append(diagnostic).Append('\n');
        }

        if (loaded.HasErrors)
        {
            // A file set with any error reaches the store not at all.
            Assert.False(applied.Succeeded);
            Assert.Equal(loaded.Errors.Select(e => e.ToString()), applied.Errors.Select(e => e.ToString()));
        }

        TestFiles.AssertMatches(Path.Join(directory, "model.json"), ModelJson.Serialize(loaded.Objects.Select(o => o.Object)));
        TestFiles.AssertMatches(Path.Join(directory, "diagnostics.txt"), diagnostics.ToString());
        TestFiles.FailIfUpdating();
    }
}
