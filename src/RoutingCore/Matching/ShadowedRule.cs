namespace RoutingCore.Matching;

/// <summary>A rule that can never be chosen, and the rule that takes its place. Reported at build time.</summary>
/// <param name="RuleId">The id of the rule that can never be chosen.</param>
/// <param name="ShadowedById">
/// For <see cref="ShadowReason.Duplicate"/>, the oldest declaration of the same thing; for
/// <see cref="ShadowReason.EquivalentPath"/>, the rule that wins instead.
/// </param>
/// <param name="Reason">Why it can never be chosen.</param>
public readonly record struct ShadowedRule(int RuleId, int ShadowedById, ShadowReason Reason);
