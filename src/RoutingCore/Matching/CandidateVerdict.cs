namespace RoutingCore.Matching;

/// <summary>What happened to one path rule of the selected group in an explanation.</summary>
public enum CandidateVerdict
{
    /// <summary>The rule matched and outranked every other match.</summary>
    Winner,

    /// <summary>The rule matched but a higher-ranked rule won (the reason names the ING-P4 step).</summary>
    Outranked,

    /// <summary>The rule does not match the request path.</summary>
    NotMatching,
}
