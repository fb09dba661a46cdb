using System.Net;

namespace RoutingCore.Allocation;

/// <summary>
/// Allocates ClusterIPs from the service CIDR (spec §9.1, IPA-1..IPA-7). One bit per allocatable address.
/// </summary>
/// <remarks>
/// <para>
/// Algorithm (IPA-5): the allocatable addresses are split into a lower, static band of <c>offset</c> addresses and an
/// upper, dynamic band, with <c>offset = size &lt;= 16 ? 0 : min(max(16, size / 16), 256)</c> and
/// <c>size = 2^host bits</c>. A dynamic allocation draws a random start in the upper band and takes the first free
/// address scanning forward (wrapping once); only when the upper band is full does it do the same in the lower band.
/// Users who pick addresses by hand pick from the static band, so they rarely collide with dynamic allocations.
/// </para>
/// <para>
/// Subtle point (IPA-3): the first address (network + 1) belongs to the <c>kubernetes</c> Service. Dynamic allocation
/// never returns it, even when the static band is otherwise full or there is no band split; an explicit request for it
/// succeeds like any other request. It still counts as free in <see cref="Free"/> until someone requests it.
/// </para>
/// <para>
/// Not thread-safe: the store calls it under its write lock, which is what makes allocation linearisable (IPA-7).
/// Deterministic: the only randomness comes from the <see cref="Random"/> passed in.
/// </para>
/// </remarks>
public sealed class ServiceIPAllocator
{
    /// <summary>The default service CIDR (IPA-1).</summary>
    public const string DefaultCidr = "10.96.0.0/12";

    // 2^20 addresses at most (IPA-1): IPv4 /12, IPv6 /108.
    private const int MaxHostBits = 20;

    private readonly AddressBlock _block;
    private readonly AllocationBitmap _used;
    private readonly Random _random;
    private readonly string _cidrText;

    /// <summary>Creates an allocator over <paramref name="cidr"/> with nothing allocated.</summary>
    /// <param name="cidr">The service CIDR, such as <c>10.96.0.0/12</c> or <c>fd00:10:96::/108</c>.</param>
    /// <param name="random">The source of the random scan starts; pass a seeded one for reproducible allocations.</param>
    /// <exception cref="ArgumentException">The CIDR is not valid text, is larger than 2^20 addresses (an IPv4 prefix
    /// shorter than /12 or an IPv6 prefix shorter than /108) or has no allocatable address.</exception>
    public ServiceIPAllocator(string cidr, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        _block = AddressBlock.Parse(cidr, MaxHostBits, "service CIDR");
        _used = new AllocationBitmap(_block.Count);
        _random = random;
        _cidrText = _block.Network.ToString();
        var size = 1 << _block.HostBits;
        StaticBandSize = size <= 16 ? 0 : Math.Min(Math.Max(16, size / 16), 256);
    }

    /// <summary>The service CIDR, with host bits cleared.</summary>
    public IPNetwork Cidr => _block.Network;

    /// <summary>The first allocatable address (network + 1), held for the <c>kubernetes</c> Service (IPA-3).</summary>
    public IPAddress FirstAddress => _block.AddressAt(0);

    /// <summary>The number of allocatable addresses (IPA-2): 2^host bits minus the network (and IPv4 broadcast) address.</summary>
    public int Size => _block.Count;

    /// <summary>The number of addresses allocated.</summary>
    public int Used => _used.Count;

    /// <summary>The number of addresses not allocated, including <see cref="FirstAddress"/> while it is free.</summary>
    public int Free => _block.Count - _used.Count;

    /// <summary>The number of addresses in the static (lower) band, network + 1 to network + offset (IPA-5).</summary>
    internal int StaticBandSize { get; }

    /// <summary>Allocates a free address at random (IPA-5), never <see cref="FirstAddress"/>.</summary>
    /// <returns>The address, or <see cref="AllocationFailure.RangeFull"/> with the message <c>range is full</c>.</returns>
    public AllocationResult<IPAddress> Allocate()
    {
        // Index 0 is the reserved first address, so both bands start at 1 at the lowest.
        var upperStart = Math.Max(StaticBandSize, 1);
        var index = _used.FindClearFromRandomStart(upperStart, _block.Count, _random);
        if (index < 0)
        {
            index = _used.FindClearFromRandomStart(1, StaticBandSize, _random);
        }

        if (index < 0)
        {
            return AllocationResult.Failed<IPAddress>(AllocationFailure.RangeFull, "range is full");
        }

        _used.Set(index);
        return AllocationResult.Success(_block.AddressAt(index));
    }

    /// <summary>Allocates the requested address (IPA-4); either band, and <see cref="FirstAddress"/>, may be requested.</summary>
    /// <returns>The address, or a failure whose message is the upstream text:
    /// <c>failed to allocate IP &lt;ip&gt;: the provided IP (&lt;ip&gt;) is not in the valid range. The range of valid IPs is &lt;cidr&gt;</c>
    /// or <c>failed to allocate IP &lt;ip&gt;: provided IP is already allocated</c>.</returns>
    public AllocationResult<IPAddress> Allocate(IPAddress requested)
    {
        ArgumentNullException.ThrowIfNull(requested);
        if (!_block.TryGetIndex(requested, out var index))
        {
            return IPAllocationFailures.NotInRange(requested, _cidrText);
        }

        if (!_used.Set(index))
        {
            return IPAllocationFailures.AlreadyAllocated(requested);
        }

        return AllocationResult.Success(requested);
    }

    /// <summary>Frees an address so it can be allocated again straight away (IPA-6).</summary>
    /// <returns>False when the address was not allocated (or is not allocatable); nothing changes then.</returns>
    public bool Release(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return _block.TryGetIndex(address, out var index) && _used.Clear(index);
    }

    /// <summary>True when <paramref name="address"/> is allocated.</summary>
    public bool IsAllocated(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return _block.TryGetIndex(address, out var index) && _used.Get(index);
    }

    /// <summary>True when <paramref name="address"/> is allocatable (IPA-2): in the CIDR, not the network or broadcast address.</summary>
    public bool Contains(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return _block.TryGetIndex(address, out _);
    }
}
