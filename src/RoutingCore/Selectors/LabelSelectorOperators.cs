namespace RoutingCore.Selectors;

/// <summary>The operators of a structured <see cref="LabelSelectorRequirement"/> (LBL-5), spelled as in the API.</summary>
public static class LabelSelectorOperators
{
    /// <summary>The key exists and its value is one of the values.</summary>
    public const string In = "In";

    /// <summary>The key is absent, or its value is none of the values.</summary>
    public const string NotIn = "NotIn";

    /// <summary>The key exists, with any value.</summary>
    public const string Exists = "Exists";

    /// <summary>The key is absent.</summary>
    public const string DoesNotExist = "DoesNotExist";
}
