namespace RoutingCore.Matching;

/// <summary>Cold data kept beside a <see cref="MatchTable"/> so that an explanation can name groups and list every candidate.</summary>
/// <param name="GroupHosts">Each group's host pattern (<see langword="null"/> for the any-host group).</param>
/// <param name="GroupPathRules">Each group's path rule ids, in declaration order.</param>
/// <param name="GroupFallbacks">Each group's winning fallback id, or -1.</param>
/// <param name="GlobalFallback">The winning global fallback id, or -1.</param>
/// <param name="RuleNodes">Each path rule's trie node (-1 for fallbacks).</param>
internal sealed record MatcherLayout(string?[] GroupHosts, int[][] GroupPathRules, int[] GroupFallbacks, int GlobalFallback, int[] RuleNodes);
