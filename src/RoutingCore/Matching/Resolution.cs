namespace RoutingCore.Matching;

/// <summary>What the match routine decided, before the value is looked up: the rule id, where it came from and the group.</summary>
/// <param name="RuleId">The rule or fallback id, or -1.</param>
/// <param name="Outcome">Path rule, group fallback, global fallback or none.</param>
/// <param name="GroupKind">How the host group was selected.</param>
/// <param name="Group">The selected group's index, or -1.</param>
internal readonly record struct Resolution(int RuleId, MatchOutcome Outcome, HostGroupKind GroupKind, int Group);
