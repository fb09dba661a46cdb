using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using RoutingCore.Matching;

namespace RoutingCore.Benchmarks.Matching;

/// <summary>Metadata carrying a <see cref="RouteRule.Id"/> on an ASP.NET Core endpoint.</summary>
internal sealed record RuleIdMetadata(int Id);

/// <summary>
/// ASP.NET Core's endpoint-routing <c>DfaMatcher</c>, built through the real DI graph the way YARP's Kubernetes
/// controller would express the rules: Exact as the literal path, Prefix as <c>path/{**rest}</c>, the host as
/// <see cref="HostAttribute"/>. The matcher types are internal, so the factory is found by reflection and the built
/// <c>DfaMatcher</c> is unwrapped from its <c>DataSourceDependentMatcher</c>; matching then calls its public
/// <c>MatchAsync(HttpContext)</c> through a delegate, with no reflection per request.
/// </summary>
internal sealed class AspNetDfaMatcher
{
    private static readonly Assembly Routing = typeof(EndpointDataSource).Assembly;
    private static readonly Type MatcherType = Routing.GetType("Microsoft.AspNetCore.Routing.Matching.Matcher", throwOnError: true)!;
    private static readonly Type FactoryType = Routing.GetType("Microsoft.AspNetCore.Routing.Matching.MatcherFactory", throwOnError: true)!;
    private static readonly RequestDelegate Terminal = _ => Task.CompletedTask;

    private readonly IServiceProvider _services = new ServiceCollection().AddLogging().AddRouting().BuildServiceProvider();

    /// <summary>Creates the endpoints for a table (parses every route template).</summary>
    public static Endpoint[] Endpoints(IEnumerable<RouteRule> rules) =>
    [
        .. rules.Select(rule =>
        {
            var template = rule.Type == PathMatchType.Exact ? rule.Path : rule.Path + "/{**rest}";
            var builder = new RouteEndpointBuilder(Terminal, RoutePatternFactory.Parse(template), order: 0) { DisplayName = $"#{rule.Id}" };
            builder.Metadata.Add(new HostAttribute(rule.Host));
            builder.Metadata.Add(new RuleIdMetadata(rule.Id));
            return builder.Build();
        }),
    ];

    /// <summary>Builds a DfaMatcher over the endpoints and returns its <c>MatchAsync</c>.</summary>
    public Func<HttpContext, Task> Build(IReadOnlyList<Endpoint> endpoints)
    {
        var factory = _services.GetRequiredService(FactoryType);
        var dependent = FactoryType.GetMethod("CreateMatcher")!.Invoke(factory, [new DefaultEndpointDataSource(endpoints)])!;
        var dfa = dependent.GetType().GetProperty("CurrentMatcher", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)!.GetValue(dependent)!;
        if (dfa.GetType().Name != "DfaMatcher")
        {
            throw new InvalidOperationException($"Expected a DfaMatcher, got {dfa.GetType()}.");
        }

        return MatcherType.GetMethod("MatchAsync")!.CreateDelegate<Func<HttpContext, Task>>(dfa);
    }

    /// <summary>Matches one context and returns the rule id of the chosen endpoint, or -1 (for the equivalence check).</summary>
    public static int Winner(Func<HttpContext, Task> match, HttpContext context)
    {
        context.SetEndpoint(null);
        var task = match(context);
        if (!task.IsCompletedSuccessfully)
        {
            throw new InvalidOperationException("DfaMatcher did not complete synchronously.");
        }

        return context.GetEndpoint()?.Metadata.GetMetadata<RuleIdMetadata>()?.Id ?? -1;
    }

    /// <summary>A request context as Kestrel would present it to routing.</summary>
    public static DefaultHttpContext Context(string host, string path)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Get;
        context.Request.Scheme = "http";
        context.Request.Host = new HostString(host);
        context.Request.Path = new PathString(path);
        return context;
    }
}
