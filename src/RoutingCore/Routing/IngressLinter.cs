using System.Collections.Immutable;
using RoutingCore.Matching;
using RoutingCore.Model;
using RoutingCore.State;

namespace RoutingCore.Routing;

/// <summary>
/// Finds what in the served Ingresses does not do what its author likely meant (see <see cref="LintCodes"/>), each with
/// a request that shows it. Runs on the compiled matcher, so it reports what routing will really do.
/// </summary>
internal static class IngressLinter
{
    public static ImmutableArray<LintDiagnostic> Lint(ClusterView view, HostPathMatcher<RouteTarget> matcher, List<CompiledRoute> routes,
        TlsTable tls, IEnumerable<ServedIngress> classified, List<Ingress> served)
    {
        var diagnostics = new List<LintDiagnostic>();
        Shadowed(matcher, diagnostics);
        WildcardsHidden(matcher, routes, diagnostics);
        Backends(routes, diagnostics);
        Tls(tls, matcher, diagnostics);
        Ignored(view, classified, diagnostics);
        return [.. diagnostics
            .DistinctBy(d => (d.Code, d.Object, d.Message))
            .OrderBy(d => d.Code, StringComparer.Ordinal)
            .ThenBy(d => d.Object.Namespace, StringComparer.Ordinal)
            .ThenBy(d => d.Object.Name, StringComparer.Ordinal)];
    }

    /// <summary>RC1001 and RC1002 from the matcher's shadowed rules.</summary>
    private static void Shadowed(HostPathMatcher<RouteTarget> matcher, List<LintDiagnostic> diagnostics)
    {
        foreach (var shadow in matcher.ShadowedRules)
        {
            var loser = matcher.Rules[shadow.RuleId];
            var winner = matcher.Rules[shadow.ShadowedById];
            if (loser.Kind != MatcherRuleKind.Path)
            {
                continue;
            }

            var loserTarget = matcher.GetValue(loser.Id);
            var winnerTarget = matcher.GetValue(winner.Id);
            var example = Example(loser.Host, loser.Path);
            var message = shadow.Reason == ShadowReason.Duplicate
                ? $"{loserTarget.Origin} ({loser.PathType} {loser.Path} on {loser.Host ?? "any host"}) is ignored: {winnerTarget.Origin} declares the same host, path and pathType and is older"
                : $"{loserTarget.Origin} ({loser.PathType} {loser.Path}) never wins: {winnerTarget.Origin} ({winner.PathType} {winner.Path}) matches the same requests and takes precedence";
            diagnostics.Add(new LintDiagnostic(shadow.Reason == ShadowReason.Duplicate ? LintCodes.DuplicatePath : LintCodes.EquivalentPath,
                loserTarget.Ingress!.Value, message, example));
        }
    }

    /// <summary>RC1003: a request for an exact host never reaches the paths of a wildcard that also covers it (ING-H7).</summary>
    private static void WildcardsHidden(HostPathMatcher<RouteTarget> matcher, List<CompiledRoute> routes, List<LintDiagnostic> diagnostics)
    {
        var exactHosts = matcher.Rules.Where(r => r.Host is { } h && !h.StartsWith("*.", StringComparison.Ordinal)).Select(r => r.Host!).ToHashSet(StringComparer.Ordinal);
        foreach (var route in routes)
        {
            if (route.Host is not { } wildcard || !wildcard.StartsWith("*.", StringComparison.Ordinal))
            {
                continue;
            }

            var suffix = wildcard[1..];
            foreach (var host in exactHosts)
            {
                var dot = host.IndexOf('.', StringComparison.Ordinal);
                if (dot > 0 && host[dot..] == suffix && matcher.Match(host, route.Path ?? "/").Group == HostGroupKind.Exact)
                {
                    diagnostics.Add(new LintDiagnostic(LintCodes.WildcardHidden, route.Target.Ingress!.Value,
                        $"{route.Target.Origin} on {wildcard} does not serve {host}: that host has its own rules, and a request selects only one host group",
                        Example(host, route.Path)));
                }
            }
        }
    }

    /// <summary>RC1004 and RC1005: backends whose Service or port does not exist.</summary>
    private static void Backends(List<CompiledRoute> routes, List<LintDiagnostic> diagnostics)
    {
        foreach (var route in routes)
        {
            if (route.Target.Service is not { } backend || route.Target.Ingress is not { } ingress)
            {
                continue;
            }

            var example = route.RuleId < 0 ? null : Example(route.Host, route.Path);
            if (backend.Status == BackendStatus.ServiceNotFound)
            {
                diagnostics.Add(new LintDiagnostic(LintCodes.MissingService, ingress,
                    $"{route.Target.Origin} names Service {backend.Namespace}/{backend.ServiceName}, which does not exist: requests get 503", example));
            }
            else if (backend.Status == BackendStatus.PortNotFound)
            {
                diagnostics.Add(new LintDiagnostic(LintCodes.MissingPort, ingress,
                    $"{route.Target.Origin} names port {backend}, which Service {backend.Namespace}/{backend.ServiceName} does not have: requests get 503", example));
            }
        }
    }

    /// <summary>RC1006 and RC1008: tls hosts without rules, and tls Secrets that cannot be used.</summary>
    private static void Tls(TlsTable tls, HostPathMatcher<RouteTarget> matcher, List<LintDiagnostic> diagnostics)
    {
        var ruleHosts = matcher.Rules.Where(r => r.Kind != MatcherRuleKind.GlobalFallback && r.Host is not null).Select(r => r.Host!).ToHashSet(StringComparer.Ordinal);
        foreach (var host in tls.Hosts)
        {
            if (!ruleHosts.Contains(host) && tls.Find(host.StartsWith("*.", StringComparison.Ordinal) ? "x" + host[1..] : host) is { } binding)
            {
                diagnostics.Add(new LintDiagnostic(LintCodes.TlsHostWithoutRule, binding.Ingress,
                    $"{binding} lists host {host}, but no served Ingress has a rule for it: TLS entries never create routes", Example(host, "/", "https")));
            }
        }

        foreach (var binding in tls.Bindings)
        {
            if (binding.Error is { } error)
            {
                diagnostics.Add(new LintDiagnostic(LintCodes.BadTlsSecret, binding.Ingress, $"{binding}: {error}; its hosts get the default certificate", null));
            }
        }
    }

    /// <summary>RC1007: Ingresses this controller ignores because of their class.</summary>
    private static void Ignored(ClusterView view, IEnumerable<ServedIngress> classified, List<LintDiagnostic> diagnostics)
    {
        foreach (var entry in classified)
        {
            if (entry.IsServed || view.Get<Ingress>(entry.Ingress.Namespace, entry.Ingress.Name) is not { } ingress)
            {
                continue;
            }

            var firstPath = ingress.Spec.Rules.Where(r => r.Http is not null).Select(r => (r.Host, r.Http!.Paths[0].Path)).FirstOrDefault();
            diagnostics.Add(new LintDiagnostic(LintCodes.IgnoredByClass, entry.Ingress, $"ignored: {entry.Reason}",
                firstPath == default ? null : Example(firstPath.Host, firstPath.Path)));
        }
    }

    /// <summary>A request that reaches <paramref name="path"/> on <paramref name="host"/> (a wildcard becomes a sample label).</summary>
    private static string Example(string? host, string? path, string scheme = "http")
    {
        var name = host is null ? "any-host" : host.StartsWith("*.", StringComparison.Ordinal) ? "example" + host[1..] : host;
        return $"{scheme}://{name}{(string.IsNullOrEmpty(path) ? "/" : path)}";
    }
}
