namespace RoutingCore.Validation;

/// <summary>Helpers for building error lists.</summary>
internal static class FieldErrorListExtensions
{
    /// <summary>Adds one <c>Invalid value</c> error per message, as upstream's <c>for _, msg := range IsX(v)</c> loops do.</summary>
    public static void AddInvalid(this List<FieldError> errors, FieldPath path, string value, IReadOnlyList<string> messages)
    {
        foreach (var message in messages)
        {
            errors.Add(FieldError.Invalid(path, value, message));
        }
    }
}
