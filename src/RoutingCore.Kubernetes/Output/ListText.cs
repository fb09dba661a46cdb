using System.Globalization;

namespace RoutingCore.Kubernetes.Output;

/// <summary>kubectl's truncated lists: the first three entries, then <c> + N more...</c> (printers.go listWithMoreString).</summary>
internal static class ListText
{
    public const int Max = 3;

    /// <summary>The first <see cref="Max"/> of <paramref name="items"/>, comma-joined, with the count of the rest; <paramref name="empty"/> when none.</summary>
    public static string WithMore(IReadOnlyList<string> items, string empty)
    {
        var shown = string.Join(",", items.Take(Max));
        if (items.Count > Max)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{shown} + {items.Count - Max} more...");
        }

        return shown.Length == 0 ? empty : shown;
    }
}
