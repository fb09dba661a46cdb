using Microsoft.AspNetCore.Http;
using RoutingCore.Matching;

namespace RoutingCore.Benchmarks.Matching;

/// <summary>The gate before timing: every competitor must pick the same rule for every request.</summary>
internal static class MatchEquivalence
{
    public static void Check(
        HostPathMatcher<int> matcher,
        LinearScanMatcher linear,
        Func<HttpContext, Task> dfa,
        string[] hosts,
        string[] paths,
        DefaultHttpContext[] contexts,
        bool expectHits)
    {
        for (var i = 0; i < hosts.Length; i++)
        {
            var routingCore = matcher.Match(hosts[i], paths[i]).RuleId;
            var viaContext = matcher.Match(contexts[i].Request.Host.Value, contexts[i].Request.Path.Value).RuleId;
            var scan = linear.Match(hosts[i], paths[i]);
            var aspNet = AspNetDfaMatcher.Winner(dfa, contexts[i]);
            if (routingCore != scan || routingCore != aspNet || routingCore != viaContext || (routingCore >= 0) != expectHits)
            {
                throw new InvalidOperationException(
                    $"Request {i} ({hosts[i]} {paths[i]}): RoutingCore #{routingCore}, via HttpContext #{viaContext}, linear #{scan}, DfaMatcher #{aspNet}; expected hits: {expectHits}.");
            }
        }
    }
}
