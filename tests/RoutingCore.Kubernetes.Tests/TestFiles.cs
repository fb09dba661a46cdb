using System.Runtime.CompilerServices;
using Microsoft.Extensions.Time.Testing;
using RoutingCore.State;

namespace RoutingCore.Kubernetes.Tests;

/// <summary>Paths of the checked-in test data, the shared clock, and the golden-file update switch.</summary>
internal static class TestFiles
{
    public static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>When set (<c>ROUTINGCORE_UPDATE_GOLDEN=1</c>), golden tests rewrite their expected files in the source tree and fail.</summary>
    public static bool Update => Environment.GetEnvironmentVariable("ROUTINGCORE_UPDATE_GOLDEN") == "1";

    /// <summary>The test project's source directory (for writing golden files in update mode).</summary>
    public static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    public static ClusterState NewState(FakeTimeProvider? time = null) => new(new ClusterStateOptions
    {
        TimeProvider = time ?? new FakeTimeProvider(Epoch),
        RandomSeed = 42,
    });

    /// <summary>
    /// Compares <paramref name="actual"/> with the checked-in file <paramref name="relativePath"/>. In update mode it
    /// rewrites the file instead; the caller then fails with <see cref="FailIfUpdating"/>.
    /// </summary>
    public static void AssertMatches(string relativePath, string actual)
    {
        if (Update)
        {
            File.WriteAllText(Path.Combine(SourceDirectory(), relativePath), actual);
            return;
        }

        var expected = File.Exists(relativePath) ? File.ReadAllText(relativePath) : "<missing " + relativePath + ">";
        Assert.Equal(expected, actual);
    }

    /// <summary>Fails a test that rewrote golden files, so that an update run never passes.</summary>
    public static void FailIfUpdating() => Assert.False(Update, "Golden files rewritten; run again without ROUTINGCORE_UPDATE_GOLDEN.");
}
