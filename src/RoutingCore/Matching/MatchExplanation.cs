using System.Text;

namespace RoutingCore.Matching;

/// <summary>
/// Why <see cref="HostPathMatcher{TValue}.Match"/> decides what it decides for one request: produced by
/// <see cref="HostPathMatcher{TValue}.Explain"/>, which runs the same routine as <c>Match</c>.
/// </summary>
/// <example>
/// <code>
/// var e = matcher.Explain("shop.example.com", "/api/v1/orders");
/// Console.WriteLine(e);                       // readable report
/// foreach (var c in e.Candidates) { /* c.Rule, c.Verdict, c.Reason */ }
/// </code>
/// </example>
/// <typeparam name="TValue">The matcher's value type.</typeparam>
public sealed class MatchExplanation<TValue>
{
    internal MatchExplanation(
        string host,
        string path,
        string? matchedPath,
        string? groupHost,
        HostPathMatch<TValue> result,
        IReadOnlyList<string> steps,
        IReadOnlyList<ExplainedCandidate> candidates)
    {
        Host = host;
        Path = path;
        MatchedPath = matchedPath;
        GroupHost = groupHost;
        Result = result;
        Steps = steps;
        Candidates = candidates;
    }

    /// <summary>The host as given.</summary>
    public string Host { get; }

    /// <summary>The path as given.</summary>
    public string Path { get; }

    /// <summary>The path that was matched (query and fragment cut, empty made <c>/</c>); <see langword="null"/> when no group was selected.</summary>
    public string? MatchedPath { get; }

    /// <summary>The selected group's host pattern (<c>foo.com</c>, <c>*.foo.com</c>); <see langword="null"/> for the any-host group or no group.</summary>
    public string? GroupHost { get; }

    /// <summary>The decision; always equal to what <see cref="HostPathMatcher{TValue}.Match"/> returns for the same input.</summary>
    public HostPathMatch<TValue> Result { get; }

    /// <summary>The host and fallback decisions, in order, as sentences.</summary>
    public IReadOnlyList<string> Steps { get; }

    /// <summary>
    /// Every path rule of the selected group: the matching ones first, in precedence order (the winner first), then the
    /// ones that do not match, in declaration order. Empty when no group was selected.
    /// </summary>
    public IReadOnlyList<ExplainedCandidate> Candidates { get; }

    /// <summary>A multi-line report: steps, candidates and the result.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append("request: host \"").Append(Host).Append("\", path \"").Append(Path).Append('"').AppendLine();
        foreach (var step in Steps)
        {
            text.Append("  ").AppendLine(step);
        }

        foreach (var candidate in Candidates)
        {
            var label = candidate.Verdict switch
            {
                CandidateVerdict.Winner => "winner     ",
                CandidateVerdict.Outranked => "outranked  ",
                _ => "no match   ",
            };
            text.Append("  ").Append(label).Append(candidate.Rule).Append(": ").AppendLine(candidate.Reason);
        }

        text.Append("result: ").Append(Result.Outcome);
        if (Result.HasValue)
        {
            text.Append(" #").Append(Result.RuleId).Append(" -> ").Append(Result.Value);
        }

        return text.ToString();
    }
}
