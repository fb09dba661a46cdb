using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace RoutingCore.Allocation;

/// <summary>
/// The LoadBalancer address pools (spec §9.3, LBA-1, LBA-4..LBA-6): hands out one address per Service, the requested
/// one when it is in a pool and free, otherwise the lowest free address of the first pool that has one.
/// </summary>
/// <remarks>
/// <para>
/// Algorithm: each pool is an inclusive address range with a sorted set of its allocated addresses. The lowest free
/// address is found by walking that set from the start of the pool until the first gap, so it costs one step per
/// address allocated below the gap; pools serve tens of Services, not millions, and may be as large as an IPv6 /64,
/// which rules out a bitmap.
/// </para>
/// <para>
/// Subtle point: pools may not overlap (the constructor refuses it). Otherwise one address could be allocated once
/// through each pool holding it.
/// </para>
/// <para>Not thread-safe; the LoadBalancer controller calls it under the store's write lock. Fully deterministic.</para>
/// </remarks>
public sealed class LoadBalancerPool
{
    private readonly AddressRange[] _pools;
    private readonly SortedSet<UInt128>[] _allocated;

    /// <summary>Creates the pools, with nothing allocated.</summary>
    /// <param name="pools">Pool entries in order of preference: CIDRs (<c>192.0.2.0/24</c>; network and broadcast
    /// addresses left out below /31) or ranges (<c>192.0.2.10-192.0.2.20</c>). An empty list gives a pool that never
    /// allocates (every LoadBalancer Service stays pending).</param>
    /// <exception cref="ArgumentException">An entry is not valid text, or two entries overlap.</exception>
    public LoadBalancerPool(IEnumerable<string> pools)
    {
        ArgumentNullException.ThrowIfNull(pools);
        var parsed = new List<AddressRange>();
        foreach (var text in pools)
        {
            ArgumentNullException.ThrowIfNull(text, nameof(pools));
            if (!AddressRange.TryParse(text, out var range, out var error))
            {
                throw new ArgumentException($"The LoadBalancer pool {error}.", nameof(pools));
            }

            foreach (var earlier in parsed)
            {
                if (earlier.Overlaps(range))
                {
                    throw new ArgumentException($"The LoadBalancer pools {earlier} and {range} overlap.", nameof(pools));
                }
            }

            parsed.Add(range);
        }

        _pools = [.. parsed];
        _allocated = new SortedSet<UInt128>[_pools.Length];
        for (var i = 0; i < _allocated.Length; i++)
        {
            _allocated[i] = [];
        }
    }

    /// <summary>The number of addresses allocated, over all pools.</summary>
    public int Used
    {
        get
        {
            var used = 0;
            foreach (var set in _allocated)
            {
                used += set.Count;
            }

            return used;
        }
    }

    /// <summary>Allocates an address (LBA-4): <paramref name="requested"/> if given, else the lowest free one.</summary>
    /// <param name="requested">The address the Service asked for (<c>spec.loadBalancerIP</c> or the
    /// <c>routingcore.io/load-balancer-ips</c> annotation), or null.</param>
    /// <returns>The address, or a failure: <see cref="AllocationFailure.NotInRange"/> and
    /// <see cref="AllocationFailure.AlreadyAllocated"/> for a requested address (never replaced by another one),
    /// <see cref="AllocationFailure.RangeFull"/> when every pool is exhausted (LBA-5). The message suits the
    /// <c>AllocationFailed</c> warning.</returns>
    public AllocationResult<IPAddress> Allocate(IPAddress? requested)
    {
        if (requested is not null)
        {
            var pool = Find(requested, out var value);
            if (pool < 0)
            {
                return AllocationResult.Failed<IPAddress>(AllocationFailure.NotInRange, $"requested IP {requested} is not in any LoadBalancer pool");
            }

            return _allocated[pool].Add(value)
                ? AllocationResult.Success(requested)
                : AllocationResult.Failed<IPAddress>(AllocationFailure.AlreadyAllocated, $"requested IP {requested} is already allocated");
        }

        for (var i = 0; i < _pools.Length; i++)
        {
            if (TryLowestFree(i, out var value))
            {
                _allocated[i].Add(value);
                return AllocationResult.Success(IPAddressMath.FromUInt128(value, _pools[i].Family));
            }
        }

        return AllocationResult.Failed<IPAddress>(AllocationFailure.RangeFull, "no free address in the LoadBalancer pools");
    }

    /// <summary>Allocates an address as <see cref="Allocate(IPAddress?)"/> does, without the reason for a failure.</summary>
    /// <returns>True with the address, or false with <paramref name="address"/> null.</returns>
    public bool TryAllocate(IPAddress? requested, [NotNullWhen(true)] out IPAddress? address)
    {
        var result = Allocate(requested);
        address = result.Value;
        return result.IsSuccess;
    }

    /// <summary>Frees an address so it can be allocated again straight away (LBA-7).</summary>
    /// <returns>False when the address was not allocated; nothing changes then.</returns>
    public bool Release(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var pool = Find(address, out var value);
        return pool >= 0 && _allocated[pool].Remove(value);
    }

    /// <summary>True when <paramref name="address"/> is allocated.</summary>
    public bool IsAllocated(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var pool = Find(address, out var value);
        return pool >= 0 && _allocated[pool].Contains(value);
    }

    /// <summary>True when <paramref name="address"/> is in a pool (LBA-8 warns when an externalIP is).</summary>
    public bool Contains(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return Find(address, out _) >= 0;
    }

    private int Find(IPAddress address, out UInt128 value)
    {
        value = default;
        for (var i = 0; i < _pools.Length; i++)
        {
            if (_pools[i].Contains(address, out value))
            {
                return i;
            }
        }

        return -1;
    }

    private bool TryLowestFree(int pool, out UInt128 value)
    {
        var range = _pools[pool];
        value = range.First;
        foreach (var taken in _allocated[pool])
        {
            // The set is sorted and holds only addresses of this pool, so the first mismatch is the first gap.
            if (taken != value)
            {
                return true;
            }

            if (value == range.Last)
            {
                return false;
            }

            value++;
        }

        return true;
    }
}
