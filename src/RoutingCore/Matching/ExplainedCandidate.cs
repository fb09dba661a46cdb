namespace RoutingCore.Matching;

/// <summary>One path rule of the selected host group, with its verdict and a human-readable reason.</summary>
/// <param name="Rule">The rule.</param>
/// <param name="Verdict">Winner, outranked, or not matching.</param>
/// <param name="Reason">Why, for example <c>shorter match (4 &lt; 8 characters)</c>.</param>
public sealed record ExplainedCandidate(MatcherRule Rule, CandidateVerdict Verdict, string Reason);
