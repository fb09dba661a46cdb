namespace RoutingCore.Matching;

/// <summary>Where the value of a <see cref="HostPathMatch{TValue}"/> came from.</summary>
public enum MatchOutcome
{
    /// <summary>Nothing applies: no path matched and no fallback was declared. The caller answers (for example 404).</summary>
    None,

    /// <summary>A path rule of the selected host group matched.</summary>
    Path,

    /// <summary>A host group was selected, none of its paths matched, and the group has a fallback.</summary>
    GroupFallback,

    /// <summary>
    /// The global fallback: either no host group was selected, or the selected group had no matching path and no
    /// fallback of its own.
    /// </summary>
    GlobalFallback,
}
