using System.Globalization;
using System.Text;
using RoutingCore.Matching;

namespace RoutingCore.Routing;

/// <summary>
/// Why a request goes where it goes: the matcher's trace (host group and why, every candidate path of that group with
/// why it won or lost, the fallback used) plus the route's target and the state of its backend.
/// </summary>
public sealed class RouteExplanation
{
    internal RouteExplanation(MatchExplanation<RouteTarget> match)
    {
        Match = match;
        Target = match.Result.Value ?? RouteTarget.ControllerDefault;
    }

    /// <summary>The matcher's trace.</summary>
    public MatchExplanation<RouteTarget> Match { get; }

    /// <summary>Where the request goes.</summary>
    public RouteTarget Target { get; }

    /// <summary>A multi-line, human-readable account of the decision.</summary>
    public override string ToString()
    {
        var text = new StringBuilder(Match.ToString().TrimEnd());
        text.Append('\n').Append("target: ").Append(Target);
        if (Target.Service is { } backend)
        {
            text.Append('\n').Append("backend: ").Append(backend).Append(' ').Append(backend.Status);
            if (backend.Endpoints is { } set)
            {
                text.Append(CultureInfo.InvariantCulture, $" ({set.Candidates.Length} of {set.Endpoints.Length} endpoints eligible")
                    .Append(set.Candidates.IsEmpty ? ")" : $": {string.Join(", ", set.Candidates)})");
            }
            else if (backend.ExternalName is { } name)
            {
                text.Append(" -> ").Append(name);
            }
        }
        else if (Target.Kind == RouteTargetKind.ControllerDefault)
        {
            text.Append('\n').Append("response: 404 default backend - 404");
        }

        return text.ToString();
    }
}
