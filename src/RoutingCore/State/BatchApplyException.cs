using System.Text;

namespace RoutingCore.State;

/// <summary>
/// A batch (<see cref="ClusterState.ApplyBatch(IEnumerable{Model.KubeObject})"/>) refused as a whole: nothing of it was stored. Lists every object that
/// failed, each with its own <see cref="ApiException"/> (kind, namespace, name and field errors).
/// </summary>
public sealed class BatchApplyException : Exception
{
    /// <summary>Creates the error from the failures of the batch's objects.</summary>
    public BatchApplyException(IReadOnlyList<BatchFailure> failures)
        : base(Describe(failures))
    {
        Failures = failures;
    }

    /// <summary>Every object of the batch that failed, in batch order.</summary>
    public IReadOnlyList<BatchFailure> Failures { get; }

    private static string Describe(IReadOnlyList<BatchFailure> failures)
    {
        ArgumentNullException.ThrowIfNull(failures);
        var text = new StringBuilder();
        text.Append(failures.Count == 1 ? "1 object was refused; nothing was applied:" : $"{failures.Count} objects were refused; nothing was applied:");
        foreach (var failure in failures)
        {
            text.Append('\n').Append("  ").Append(failure.Error.ObjectDisplayName).Append(" (item ").Append(failure.Index).Append("): ").Append(failure.Error.Message);
        }

        return text.ToString();
    }
}

/// <summary>One object of a batch that was refused.</summary>
/// <param name="Index">The object's position in the batch as given.</param>
/// <param name="Error">Why it was refused.</param>
public sealed record BatchFailure(int Index, ApiException Error);
