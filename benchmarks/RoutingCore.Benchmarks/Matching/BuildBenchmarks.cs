using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.AspNetCore.Http;
using RoutingCore.Matching;

namespace RoutingCore.Benchmarks.Matching;

/// <summary>
/// Compile time: declaring a table and building the matcher — <see cref="HostPathMatcherBuilder{TValue}"/> vs
/// ASP.NET Core's endpoints (template parsing included) plus its DfaMatcher build. Each operation is seconds long for
/// DfaMatcher at 10,000 rules, so this runs as a monitoring job with few iterations.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class BuildBenchmarks
{
    private RouteTable _table = null!;
    private AspNetDfaMatcher _aspNet = null!;

    /// <summary>Number of rules in the table.</summary>
    [Params(1_000, 10_000)]
    public int Rules { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _table = RouteTable.Create(Rules);
        _aspNet = new AspNetDfaMatcher();
    }

    [Benchmark(Description = "RoutingCore build")]
    public HostPathMatcher<int> RoutingCore()
    {
        var builder = new HostPathMatcherBuilder<int>();
        foreach (var rule in _table.Rules)
        {
            builder.AddPath(rule.Host, rule.Type, rule.Path, rule.Id, rule.Id);
        }

        return builder.Build();
    }

    [Benchmark(Baseline = true, Description = "ASP.NET DfaMatcher build")]
    public Func<HttpContext, Task> DfaMatcher() => _aspNet.Build(AspNetDfaMatcher.Endpoints(_table.Rules));
}
