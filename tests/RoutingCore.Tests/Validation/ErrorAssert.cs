using RoutingCore.Validation;

namespace RoutingCore.Tests.Validation;

/// <summary>Compares error lists as ordered lists of rendered strings (ERR-1, ERR-3).</summary>
internal static class ErrorAssert
{
    /// <summary>Stands for a composite value (ERR-3: its exact JSON is not part of the contract), matched by what surrounds it.</summary>
    public const string Composite = "<composite>";

    public static void Equal(IReadOnlyList<string> expected, IReadOnlyList<FieldError> actual)
    {
        var rendered = actual.Select(e => e.ToString()).ToList();
        var message = "expected:\n  " + string.Join("\n  ", expected) + "\nactual:\n  " + string.Join("\n  ", rendered);
        Assert.True(expected.Count == rendered.Count, message);
        for (var i = 0; i < expected.Count; i++)
        {
            var marker = expected[i].IndexOf(Composite, StringComparison.Ordinal);
            if (marker < 0)
            {
                Assert.True(expected[i] == rendered[i], message);
                continue;
            }

            var prefix = expected[i][..marker];
            var suffix = expected[i][(marker + Composite.Length)..];
            Assert.True(rendered[i].StartsWith(prefix, StringComparison.Ordinal) && rendered[i].EndsWith(suffix, StringComparison.Ordinal)
                && rendered[i].Length > prefix.Length + suffix.Length, message);
        }
    }

    public static void Empty(IReadOnlyList<FieldError> actual) => Equal([], actual);
}
