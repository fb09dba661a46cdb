namespace RoutingCore.Matching;

/// <summary>The ING-P4 step that decided between two matching path rules (used to explain why a candidate lost).</summary>
internal enum PrecedenceStep
{
    /// <summary>Step 1: the longer match length wins.</summary>
    MatchLength,

    /// <summary>Step 2: Exact before Prefix before ImplementationSpecific.</summary>
    PathType,

    /// <summary>Step 3: the longer declared path wins (Prefix <c>/foo/</c> over <c>/foo</c>).</summary>
    PathLength,

    /// <summary>Step 4: the lower order key (the older declaration) wins.</summary>
    Order,

    /// <summary>Last resort for equal order keys: the rule added first wins.</summary>
    Declaration,
}
