using System.Net;
using FsCheck.Xunit;
using RoutingCore.Allocation;

namespace RoutingCore.Tests.Allocation;

/// <summary>
/// Random sequences of allocate / allocate-requested / release against a HashSet model: no value is ever handed out
/// twice, requests succeed exactly when the value is allocatable and free, dynamic allocation fails only when every
/// dynamically allocatable value is taken, and released values become allocatable again. Small ranges, so sequences
/// reach exhaustion and the band fallback.
/// </summary>
public sealed class AllocatorPropertyTests
{
    private const int MaxTest = 300;
    private const string Replay = "(20240611,1234567)";

    /// <summary>An allocator under test, its values numbered 0..KeySpace-1 (some not allocatable).</summary>
    private sealed record Subject(
        int KeySpace,
        Func<int, bool> Allocatable,
        Func<int, bool> DynamicallyAllocatable,
        Func<AllocationResult<int>> Allocate,
        Func<int, AllocationResult<int>> Request,
        Func<int, bool> Release,
        Func<int, bool> IsAllocated,
        Func<int> Used);

    private static bool Run(Subject subject, int[] operations)
    {
        var model = new HashSet<int>();
        var dynamicCapacity = Enumerable.Range(0, subject.KeySpace).Count(subject.DynamicallyAllocatable);
        foreach (var operation in operations)
        {
            var key = (int)((uint)operation >> 2) % subject.KeySpace;
            switch (operation & 3)
            {
                case 0:
                case 1:
                    var result = subject.Allocate();
                    if (result.IsSuccess)
                    {
                        Assert.True(subject.DynamicallyAllocatable(result.Value), $"handed out {result.Value}, not dynamically allocatable");
                        Assert.True(model.Add(result.Value), $"handed out {result.Value} twice");
                    }
                    else
                    {
                        Assert.Equal(AllocationFailure.RangeFull, result.Failure);
                        Assert.Equal(dynamicCapacity, model.Count(subject.DynamicallyAllocatable));
                    }

                    break;
                case 2:
                    var expected = subject.Allocatable(key) && !model.Contains(key);
                    var requested = subject.Request(key);
                    Assert.Equal(expected, requested.IsSuccess);
                    if (expected)
                    {
                        Assert.Equal(key, requested.Value);
                        model.Add(key);
                    }
                    else
                    {
                        Assert.Equal(subject.Allocatable(key) ? AllocationFailure.AlreadyAllocated : AllocationFailure.NotInRange, requested.Failure);
                    }

                    break;
                default:
                    Assert.Equal(model.Remove(key), subject.Release(key));
                    break;
            }

            Assert.Equal(model.Count, subject.Used());
            Assert.Equal(model.Contains(key), subject.IsAllocated(key));
        }

        // Everything released is allocatable again.
        foreach (var key in model.ToList())
        {
            Assert.True(subject.Release(key));
            Assert.True(subject.Request(key).IsSuccess);
        }

        return true;
    }

    private static AllocationResult<int> Map(AllocationResult<IPAddress> result, Func<IPAddress, int> key) =>
        result.IsSuccess ? AllocationResult.Success(key(result.Value)) : AllocationResult.Failed<int>(result.Failure, result.Message);

    private static IPAddress V4(int last) => new([10, 0, 0, (byte)last]);

    [Property(MaxTest = MaxTest, Replay = Replay)]
    public bool IPA_ServiceIPsAreNeverHandedOutTwice(int seed, int[] operations)
    {
        // 10.0.0.0/27: keys are last octets 0..31 (0 and 31 not allocatable), static band .1-.16, .1 never dynamic.
        var allocator = new ServiceIPAllocator("10.0.0.0/27", new Random(seed));
        return Run(
            new Subject(
                32,
                k => k is >= 1 and <= 30,
                k => k is >= 2 and <= 30,
                () => Map(allocator.Allocate(), a => a.GetAddressBytes()[3]),
                k => Map(allocator.Allocate(V4(k)), a => a.GetAddressBytes()[3]),
                k => allocator.Release(V4(k)),
                k => allocator.IsAllocated(V4(k)),
                () => allocator.Used),
            operations);
    }

    [Property(MaxTest = MaxTest, Replay = Replay)]
    public bool NPA_NodePortsAreNeverHandedOutTwice(int seed, int[] operations)
    {
        // 30010-30050 (size 41, static band 16); keys 0..59 are ports 30000..30059.
        var allocator = new NodePortAllocator(30010, 30050, new Random(seed));
        return Run(
            new Subject(
                60,
                k => k is >= 10 and <= 50,
                k => k is >= 10 and <= 50,
                () => Map(allocator.Allocate(), p => p - 30000),
                k => Map(allocator.Allocate(30000 + k), p => p - 30000),
                k => allocator.Release(30000 + k),
                k => allocator.IsAllocated(30000 + k),
                () => allocator.Used),
            operations);

        static AllocationResult<int> Map(AllocationResult<int> result, Func<int, int> key) =>
            result.IsSuccess ? AllocationResult.Success(key(result.Value)) : result;
    }

    [Property(MaxTest = MaxTest, Replay = Replay)]
    public bool POD_IP_PodIPsAreNeverHandedOutTwice(int[] operations)
    {
        // 10.0.0.0/27 minus the gateway .1, which a request reports as Reserved: modelled below as not allocatable.
        var allocator = new PodIPAllocator("10.0.0.0/27");
        return Run(
            new Subject(
                32,
                k => k is >= 2 and <= 30,
                k => k is >= 2 and <= 30,
                () => Map(allocator.Allocate(), a => a.GetAddressBytes()[3]),
                k => k == 1 ? Reserved(allocator.Allocate(V4(k))) : Map(allocator.Allocate(V4(k)), a => a.GetAddressBytes()[3]),
                k => allocator.Release(V4(k)),
                k => allocator.IsAllocated(V4(k)),
                () => allocator.Used),
            operations);

        static AllocationResult<int> Reserved(AllocationResult<IPAddress> result)
        {
            Assert.Equal(AllocationFailure.Reserved, result.Failure);
            return AllocationResult.Failed<int>(AllocationFailure.NotInRange, result.Message);
        }
    }

    [Property(MaxTest = MaxTest, Replay = Replay)]
    public bool LBA_LoadBalancerAddressesAreNeverHandedOutTwice(int[] operations)
    {
        // Pools .4-.7 (/30 CIDR: .5 and .6) and .20-.25 (range); keys are last octets 0..31.
        var pool = new LoadBalancerPool(["10.0.0.4/30", "10.0.0.20-10.0.0.25"]);
        static bool InPool(int k) => k is 5 or 6 or (>= 20 and <= 25);
        return Run(
            new Subject(
                32,
                InPool,
                InPool,
                () => LowestFirst(pool),
                k => Map(pool.Allocate(V4(k)), a => a.GetAddressBytes()[3]),
                k => pool.Release(V4(k)),
                k => pool.IsAllocated(V4(k)),
                () => pool.Used),
            operations);

        static AllocationResult<int> LowestFirst(LoadBalancerPool pool)
        {
            // LBA-4: the result must be the lowest free key in pool order (.5, .6, then .20-.25).
            int[] order = [5, 6, 20, 21, 22, 23, 24, 25];
            var expected = order.Where(k => !pool.IsAllocated(V4(k))).Cast<int?>().FirstOrDefault();
            var result = Map(pool.Allocate(null), a => a.GetAddressBytes()[3]);
            Assert.Equal(expected, result.IsSuccess ? result.Value : null);
            return result;
        }
    }
}
