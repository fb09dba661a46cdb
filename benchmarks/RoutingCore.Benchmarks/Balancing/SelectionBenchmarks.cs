using System.Text;
using BenchmarkDotNet.Attributes;
using RoutingCore.Balancing;

namespace RoutingCore.Benchmarks.Balancing;

/// <summary>
/// Cost of one endpoint selection: <see cref="EndpointSet.TrySelect"/> plus completing the lease with success, for every
/// strategy, at 10 and 1,000 ready endpoints, on one thread and on two threads selecting from the same set at once.
/// Every endpoint carries one long-lived request in flight (so LeastRequests scans the whole set, as under load), and
/// each selection uses the next of 1,024 contexts with distinct client addresses and hash keys (so ClientIP and
/// ConsistentHash touch different table entries; the affinity table is warmed, which is its steady state).
/// With two threads the reported time is per selection per thread: the wall time of both threads doing
/// <see cref="SelectionsPerThread"/> selections each, divided by that count, so no contention reads as the
/// single-threaded time. Allocations are measured by BenchmarkDotNet on the calling thread, and the second thread's own
/// allocation count is printed at cleanup (it must be 0).
/// </summary>
[MemoryDiagnoser]
public class SelectionBenchmarks
{
    /// <summary>Selections each thread performs per benchmark invocation.</summary>
    public const int SelectionsPerThread = 100_000;

    private const int Contexts = 1024;

    private readonly List<EndpointLease> _background = [];
    private SelectionContext[] _contexts = [];
    private EndpointSet _set = null!;
    private Thread? _worker;
    private int _go;
    private int _done;
    private volatile bool _stop;
    private long _workerAllocated;
    private long _workerSelections;

    /// <summary>The strategy under test.</summary>
    [Params("Random", "RoundRobin", "LeastRequests", "PowerOfTwoChoices", "Weighted", "ClientIP", "ConsistentHash")]
    public string Strategy { get; set; } = "";

    /// <summary>Ready endpoints in the set.</summary>
    [Params(10, 1000)]
    public int Endpoints { get; set; }

    /// <summary>Threads selecting concurrently.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>Builds the set, the background load and the contexts, warms the strategy and starts the second thread.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var endpoints = Enumerable.Range(0, Endpoints)
            .Select(i => new EndpointDescription($"10.{i / 65536}.{i / 256 % 256}.{i % 256}", 8080) with { Weight = 1 + (i % 4) })
            .ToArray();
        var registry = new EndpointStateRegistry();
        _set = EndpointSet.Create(endpoints, registry, Create(Strategy));

        var loader = EndpointSet.Create(endpoints, registry, SelectionStrategy.RoundRobin(0));
        for (var i = 0; i < Endpoints; i++)
        {
            loader.TrySelect(SelectionContext.None, out var lease);
            _background.Add(lease);
        }

        _contexts = new SelectionContext[Contexts];
        for (var i = 0; i < Contexts; i++)
        {
            _contexts[i] = SelectionContext.None
                .WithClientAddress([192, 168, (byte)(i / 256), (byte)(i % 256)])
                .WithHashKey(Encoding.UTF8.GetBytes($"session-{i}"));
        }

        Run(0);
        if (Threads == 2)
        {
            _worker = new Thread(Work) { IsBackground = true, Name = "second selector" };
            _worker.Start();
        }
    }

    /// <summary>Stops the second thread, reports its allocations and releases the background load.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _stop = true;
        _worker?.Join();
        if (_worker is not null)
        {
            Console.WriteLine($"// second thread: {_workerAllocated} bytes allocated over {_workerSelections} selections");
        }

        foreach (var lease in _background)
        {
            var l = lease;
            l.Complete(EndpointOutcome.Neutral);
        }

        _background.Clear();
    }

    /// <summary>Selects and completes <see cref="SelectionsPerThread"/> times on each thread.</summary>
    [Benchmark(OperationsPerInvoke = SelectionsPerThread)]
    public int SelectAndComplete()
    {
        if (_worker is null)
        {
            return Run(0);
        }

        var target = Volatile.Read(ref _done) + 1;
        Interlocked.Increment(ref _go);
        var result = Run(Contexts / 2);
        var spin = default(SpinWait);
        while (Volatile.Read(ref _done) != target)
        {
            spin.SpinOnce(sleep1Threshold: -1);
        }

        return result;
    }

    private static SelectionStrategy Create(string name) => name switch
    {
        "Random" => SelectionStrategy.Random(),
        "RoundRobin" => SelectionStrategy.RoundRobin(),
        "LeastRequests" => SelectionStrategy.LeastRequests(),
        "PowerOfTwoChoices" => SelectionStrategy.PowerOfTwoChoices(),
        "Weighted" => SelectionStrategy.Weighted(),
        "ClientIP" => SelectionStrategy.ClientIPAffinity(),
        "ConsistentHash" => SelectionStrategy.ConsistentHash(),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private int Run(int offset)
    {
        var set = _set;
        var contexts = _contexts;
        var sum = 0;
        for (var i = 0; i < SelectionsPerThread; i++)
        {
            set.TrySelect(in contexts[(i + offset) & (Contexts - 1)], out var lease);
            sum += lease.Endpoint.Port;
            lease.Complete(EndpointOutcome.Success);
        }

        return sum;
    }

    private void Work()
    {
        var seen = 0;
        while (true)
        {
            var spin = default(SpinWait);
            while (Volatile.Read(ref _go) == seen)
            {
                if (_stop)
                {
                    return;
                }

                spin.SpinOnce(sleep1Threshold: -1);
            }

            seen++;
            var before = GC.GetAllocatedBytesForCurrentThread();
            Run(Contexts / 2);
            _workerAllocated += GC.GetAllocatedBytesForCurrentThread() - before;
            _workerSelections += SelectionsPerThread;
            Interlocked.Increment(ref _done);
        }
    }
}
