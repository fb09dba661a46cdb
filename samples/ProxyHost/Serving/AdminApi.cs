using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;
using RoutingCore.Kubernetes.Output;
using RoutingCore.Model;
using RoutingCore.ProxyHost.Cli;
using RoutingCore.Routing;
using RoutingCore.State;
using RoutingCore.Validation;

namespace RoutingCore.ProxyHost.Serving;

/// <summary>
/// The admin API (loopback): readiness and liveness, Prometheus metrics, explain and lint, and read-only
/// Kubernetes-API-shaped JSON of the stored objects at the standard paths.
/// </summary>
internal static class AdminApi
{
    private static readonly Dictionary<string, ObjectKind> CoreResources = new(StringComparer.Ordinal)
    {
        ["pods"] = ObjectKind.Pod, ["services"] = ObjectKind.Service, ["endpoints"] = ObjectKind.Endpoints,
        ["configmaps"] = ObjectKind.ConfigMap, ["secrets"] = ObjectKind.Secret, ["namespaces"] = ObjectKind.Namespace, ["nodes"] = ObjectKind.Node,
    };

    private static readonly Dictionary<string, Dictionary<string, ObjectKind>> GroupResources = new(StringComparer.Ordinal)
    {
        ["discovery.k8s.io/v1"] = new(StringComparer.Ordinal) { ["endpointslices"] = ObjectKind.EndpointSlice },
        ["networking.k8s.io/v1"] = new(StringComparer.Ordinal) { ["ingresses"] = ObjectKind.Ingress, ["ingressclasses"] = ObjectKind.IngressClass },
        ["apps/v1"] = new(StringComparer.Ordinal) { ["deployments"] = ObjectKind.Deployment },
    };

    public static void Map(IEndpointRouteBuilder admin, ClusterState state, IngressController ingress, Func<(bool Ready, string Reason)> readiness)
    {
        admin.MapGet("/healthz", () => Results.Text("ok"));
        admin.MapGet("/readyz", () =>
        {
            var (ready, reason) = readiness();
            return ready ? Results.Text("ok") : Results.Text(reason, statusCode: StatusCodes.Status503ServiceUnavailable);
        });
        admin.MapGet("/explain", (string? url) =>
            url is not null && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                ? Results.Text(ingress.Current.Explain(uri.Authority, uri.PathAndQuery).ToString())
                : Results.Text("url must be an absolute http or https URL, e.g. /explain?url=http://www.example.com/foo", statusCode: StatusCodes.Status400BadRequest));
        admin.MapGet("/lint", (HttpContext context) => Lint(context, ingress.Current.Diagnostics));

        admin.MapGet("/api/v1/{resource}", (string resource) => List(state, CoreResources, resource, null));
        admin.MapGet("/api/v1/namespaces/{ns}/{resource}", (string ns, string resource) => List(state, CoreResources, resource, ns));
        admin.MapGet("/api/v1/namespaces/{ns}/{resource}/{name}", (string ns, string resource, string name) => One(state, CoreResources, resource, ns, name));
        admin.MapGet("/api/v1/{resource}/{name}", (string resource, string name) => One(state, CoreResources, resource, "", name));
        admin.MapGet("/apis/{group}/{version}/{resource}", (string group, string version, string resource) =>
            GroupResources.TryGetValue($"{group}/{version}", out var kinds) ? List(state, kinds, resource, null) : NotFound(resource));
        admin.MapGet("/apis/{group}/{version}/namespaces/{ns}/{resource}", (string group, string version, string ns, string resource) =>
            GroupResources.TryGetValue($"{group}/{version}", out var kinds) ? List(state, kinds, resource, ns) : NotFound(resource));
        admin.MapGet("/apis/{group}/{version}/namespaces/{ns}/{resource}/{name}", (string group, string version, string ns, string resource, string name) =>
            GroupResources.TryGetValue($"{group}/{version}", out var kinds) ? One(state, kinds, resource, ns, name) : NotFound(resource));
        admin.MapGet("/apis/{group}/{version}/{resource}/{name}", (string group, string version, string resource, string name) =>
            GroupResources.TryGetValue($"{group}/{version}", out var kinds) ? One(state, kinds, resource, "", name) : NotFound(resource));
    }

    /// <summary>
    /// Text for people (one finding a line, or <c>no findings</c>); <c>{"findings": [...]}</c> to a client that asks for
    /// JSON, so that <c>lint --server</c> reads the count instead of parsing prose.
    /// </summary>
    private static IResult Lint(HttpContext context, ImmutableArray<LintDiagnostic> diagnostics)
    {
        context.Response.Headers.Vary = HeaderNames.Accept;
        var wantsJson = context.Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals(LintFindings.MediaType, StringComparison.OrdinalIgnoreCase));
        return wantsJson
            ? Results.Text(LintFindings.ToJson(diagnostics.Select(d => d.ToString())), LintFindings.MediaType)
            : Results.Text(diagnostics.IsEmpty ? "no findings" : string.Join('\n', diagnostics));
    }

    private static IResult List(ClusterState state, Dictionary<string, ObjectKind> kinds, string resource, string? ns) =>
        kinds.TryGetValue(resource, out var kind)
            ? Results.Text(KubectlPrinter.PrintJson(state.Current.List(kind, kind.IsNamespaced() ? ns : null)), "application/json")
            : NotFound(resource);

    private static IResult One(ClusterState state, Dictionary<string, ObjectKind> kinds, string resource, string ns, string name)
    {
        if (!kinds.TryGetValue(resource, out var kind))
        {
            return NotFound(resource);
        }

        return state.Current.Get(new ObjectKey(kind, kind.IsNamespaced() ? ns : "", name)) is { } obj
            ? Results.Text(KubectlPrinter.PrintJson(obj), "application/json")
            : Status($"{kind.Resource()} {GoQuote.Quote(name)} not found");
    }

    private static IResult NotFound(string resource) => Status($"the server could not find the requested resource ({resource})");

    /// <summary>A Kubernetes <c>Status</c> object for a 404, as the API server answers.</summary>
    private static IResult Status(string message) =>
        Results.Text(JsonSerializer.Serialize(new { kind = "Status", apiVersion = "v1", status = "Failure", message, reason = "NotFound", code = 404 }), "application/json", statusCode: 404);
}
