using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using RoutingCore.Matching;

namespace RoutingCore.Benchmarks.Matching;

/// <summary>
/// Match latency per request (mean over a batch of 1,024 pre-built requests) for <see cref="HostPathMatcher{TValue}"/>
/// on raw strings and through <see cref="HttpContext"/>, ASP.NET Core's DfaMatcher on the same contexts, and a linear
/// scan. Setup checks that all four pick the same rule for every request before anything is timed.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class MatchBenchmarks
{
    private const int Batch = 1024;

    private HostPathMatcher<int> _matcher = null!;
    private LinearScanMatcher _linear = null!;
    private Func<HttpContext, Task> _dfa = null!;
    private string[] _hosts = null!;
    private string[] _paths = null!;
    private DefaultHttpContext[] _contexts = null!;

    /// <summary>Number of rules in the table.</summary>
    [Params(10, 1_000, 10_000)]
    public int Rules { get; set; }

    /// <summary>Which requests are sent.</summary>
    [Params(RequestMix.Hit, RequestMix.WildcardHit, RequestMix.Miss)]
    public RequestMix Mix { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var table = RouteTable.Create(Rules);
        var builder = new HostPathMatcherBuilder<int>();
        foreach (var rule in table.Rules)
        {
            builder.AddPath(rule.Host, rule.Type, rule.Path, rule.Id, rule.Id);
        }

        _matcher = builder.Build();
        _linear = new LinearScanMatcher(table.Rules);
        _dfa = new AspNetDfaMatcher().Build(AspNetDfaMatcher.Endpoints(table.Rules));
        var requests = table.Requests(Mix, Batch);
        _hosts = [.. requests.Select(r => r.Host)];
        _paths = [.. requests.Select(r => r.Path)];
        _contexts = [.. requests.Select(r => AspNetDfaMatcher.Context(r.Host, r.Path))];
        MatchEquivalence.Check(_matcher, _linear, _dfa, _hosts, _paths, _contexts, expectHits: Mix != RequestMix.Miss);
    }

    [Benchmark(OperationsPerInvoke = Batch, Description = "RoutingCore (strings)")]
    public int RoutingCore()
    {
        var sum = 0;
        var (hosts, paths, matcher) = (_hosts, _paths, _matcher);
        for (var i = 0; i < hosts.Length; i++)
        {
            sum += matcher.Match(hosts[i], paths[i]).RuleId;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Batch, Description = "RoutingCore (HttpContext)")]
    public int RoutingCoreHttpContext()
    {
        var sum = 0;
        var (contexts, matcher) = (_contexts, _matcher);
        for (var i = 0; i < contexts.Length; i++)
        {
            var request = contexts[i].Request;
            sum += matcher.Match(request.Host.Value, request.Path.Value).RuleId;
        }

        return sum;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch, Description = "ASP.NET DfaMatcher")]
    public int DfaMatcher()
    {
        var completed = 0;
        var (contexts, dfa) = (_contexts, _dfa);
        for (var i = 0; i < contexts.Length; i++)
        {
            completed += dfa(contexts[i]).IsCompleted ? 1 : 0;
        }

        return completed;
    }

    [Benchmark(OperationsPerInvoke = Batch, Description = "Linear scan")]
    public int LinearScan()
    {
        var sum = 0;
        var (hosts, paths, linear) = (_hosts, _paths, _linear);
        for (var i = 0; i < hosts.Length; i++)
        {
            sum += linear.Match(hosts[i], paths[i]);
        }

        return sum;
    }
}
