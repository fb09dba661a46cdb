namespace RoutingCore.Matching;

/// <summary>Why a rule can never be chosen (see <see cref="ShadowedRule"/>).</summary>
public enum ShadowReason
{
    /// <summary>
    /// The same host, path type and path (or the same kind of fallback for the same host) was declared more than
    /// once; the declaration with the lowest order key wins and this one is ignored.
    /// </summary>
    Duplicate,

    /// <summary>
    /// The rule matches exactly the same requests as another rule that always outranks it: Prefix <c>/a</c> under
    /// Prefix <c>/a/</c> (the longer spelling wins), or ImplementationSpecific under a Prefix with the same path.
    /// </summary>
    EquivalentPath,
}
