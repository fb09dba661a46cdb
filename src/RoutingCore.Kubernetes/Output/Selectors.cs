using k8s.Models;
using RoutingCore.Kubernetes.Mapping;
using RoutingCore.Selectors;

namespace RoutingCore.Kubernetes.Output;

/// <summary>Selector text in kubectl's formats.</summary>
internal static class Selectors
{
    /// <summary>apimachinery's <c>labels.FormatLabels</c>: <c>k=v,k2=v2</c> sorted by key, or <c>&lt;none&gt;</c>.</summary>
    public static string FormatLabels(IDictionary<string, string>? labels) => labels is null || labels.Count == 0
        ? "<none>"
        : string.Join(",", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));

    /// <summary><c>metav1.LabelSelectorAsSelector(s).String()</c>: <c>app=web,tier in (front)</c>; <c>&lt;invalid&gt;</c> when it does not compile.</summary>
    public static string Format(V1LabelSelector? selector)
    {
        if (selector is null)
        {
            return "";
        }

        try
        {
            return Selector.FromLabelSelector(new LabelSelector
            {
                MatchLabels = MapValues.Map(selector.MatchLabels),
                MatchExpressions = MapValues.Array(selector.MatchExpressions, e => new LabelSelectorRequirement(e.Key ?? "", e.OperatorProperty ?? "", MapValues.Strings(e.Values))),
            }).ToString();
        }
        catch (ArgumentException)
        {
            return "<invalid>";
        }
    }
}
