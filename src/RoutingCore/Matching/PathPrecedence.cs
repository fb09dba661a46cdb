namespace RoutingCore.Matching;

/// <summary>
/// ING-P4 precedence between path rules that match the same request, as one comparator: longer match length, then
/// Exact before Prefix before ImplementationSpecific, then the longer declared path, then the lower order key, then
/// the earlier <c>Add</c> call. The builder sorts each trie slot with it (so the matcher only reads winners) and
/// <c>Explain</c> uses it to say why each candidate lost, so the two cannot drift apart.
/// Subtle point: match length counts the Prefix path without its trailing slash, so Exact <c>/v1/</c> (4) beats
/// Prefix <c>/v1/</c> (3) while Exact <c>/foo</c> and Prefix <c>/foo/</c> tie at 4 and step 2 decides.
/// </summary>
internal static class PathPrecedence
{
    /// <summary>Compares two path rules; negative when <paramref name="a"/> outranks <paramref name="b"/>.</summary>
    internal static int Compare(MatcherRule a, MatcherRule b) => Compare(a, b, out _);

    /// <summary>Compares two path rules and reports the step that decided.</summary>
    internal static int Compare(MatcherRule a, MatcherRule b, out PrecedenceStep step)
    {
        step = PrecedenceStep.MatchLength;
        var c = b.MatchLength.CompareTo(a.MatchLength);
        if (c != 0)
        {
            return c;
        }

        step = PrecedenceStep.PathType;
        c = a.PathType.CompareTo(b.PathType); // enum order is Exact, Prefix, ImplementationSpecific
        if (c != 0)
        {
            return c;
        }

        step = PrecedenceStep.PathLength;
        c = b.EffectivePath.Length.CompareTo(a.EffectivePath.Length);
        return c != 0 ? c : CompareDeclarations(a, b, out step);
    }

    /// <summary>Orders two declarations of the same thing (duplicates, fallbacks): the lower order key, then the earlier id.</summary>
    internal static int CompareDeclarations(MatcherRule a, MatcherRule b, out PrecedenceStep step)
    {
        step = PrecedenceStep.Order;
        var c = a.Order.CompareTo(b.Order);
        if (c != 0)
        {
            return c;
        }

        step = PrecedenceStep.Declaration;
        return a.Id.CompareTo(b.Id);
    }
}
