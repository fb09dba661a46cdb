using System.Net;

namespace RoutingCore.Allocation;

/// <summary>
/// Allocates pod IPs from a pod CIDR for pods that RoutingCore runs or simulates and that do not bring their own
/// address, the way a CNI plugin's host-local IPAM does.
/// </summary>
/// <remarks>
/// <para>
/// Algorithm: one bit per allocatable address (the CIDR minus its network and, for IPv4, broadcast address) and a hint,
/// the lowest number that may be free; an allocation takes the lowest free address at or above the hint. Lowest-first
/// keeps addresses small and predictable (the first pod of <c>10.244.0.0/16</c> is <c>10.244.0.2</c>).
/// </para>
/// <para>
/// Decision [RC]: the first address (network + 1) is the pod network's gateway, as host-local IPAM and the bridge
/// plugin make it, so it is never given to a pod, not even on request (<see cref="AllocationFailure.Reserved"/>).
/// Subtle point: the hint moves down on release and up on allocation, never past a free address, so
/// "lowest free" stays exact while a long run of allocations costs no rescans.
/// </para>
/// <para>Not thread-safe (the store calls it under its write lock). Fully deterministic.</para>
/// </remarks>
public sealed class PodIPAllocator
{
    // 2^24 addresses at most (an IPv4 /8 or IPv6 /104): a 2 MiB bitmap.
    private const int MaxHostBits = 24;

    private readonly AddressBlock _block;
    private readonly AllocationBitmap _used;
    private readonly string _cidrText;
    private int _hint = 1;

    /// <summary>Creates an allocator over <paramref name="cidr"/> with nothing allocated.</summary>
    /// <param name="cidr">The pod CIDR, such as <c>10.244.0.0/16</c>.</param>
    /// <exception cref="ArgumentException">The CIDR is not valid text, holds more than 2^24 addresses (an IPv4 prefix
    /// shorter than /8, an IPv6 prefix shorter than /104) or has no address for a pod besides the gateway.</exception>
    public PodIPAllocator(string cidr)
    {
        _block = AddressBlock.Parse(cidr, MaxHostBits, "pod CIDR");
        if (_block.Count < 2)
        {
            throw new ArgumentException($"The pod CIDR \"{cidr}\" has no address for a pod besides the gateway {_block.AddressAt(0)}.", nameof(cidr));
        }

        _used = new AllocationBitmap(_block.Count);
        _cidrText = _block.Network.ToString();
    }

    /// <summary>The pod CIDR, with host bits cleared.</summary>
    public IPNetwork Cidr => _block.Network;

    /// <summary>The gateway address (network + 1), never given to a pod.</summary>
    public IPAddress Gateway => _block.AddressAt(0);

    /// <summary>The number of addresses a pod can get: the allocatable addresses minus the gateway.</summary>
    public int Size => _block.Count - 1;

    /// <summary>The number of addresses allocated.</summary>
    public int Used => _used.Count;

    /// <summary>The number of addresses a pod can still get.</summary>
    public int Free => Size - _used.Count;

    /// <summary>Allocates the lowest free address.</summary>
    /// <returns>The address, or <see cref="AllocationFailure.RangeFull"/> with the message <c>range is full</c>.</returns>
    public AllocationResult<IPAddress> Allocate()
    {
        var index = _used.FindClear(_hint, _block.Count);
        if (index < 0)
        {
            _hint = _block.Count;
            return AllocationResult.Failed<IPAddress>(AllocationFailure.RangeFull, "range is full");
        }

        _used.Set(index);
        _hint = index + 1;
        return AllocationResult.Success(_block.AddressAt(index));
    }

    /// <summary>Allocates the address a pod's manifest gives.</summary>
    /// <returns>The address, or a failure: <see cref="AllocationFailure.NotInRange"/> (outside the allocatable
    /// addresses), <see cref="AllocationFailure.Reserved"/> (the gateway) or <see cref="AllocationFailure.AlreadyAllocated"/>.
    /// Messages follow the ClusterIP texts of IPA-4.</returns>
    public AllocationResult<IPAddress> Allocate(IPAddress requested)
    {
        ArgumentNullException.ThrowIfNull(requested);
        if (!_block.TryGetIndex(requested, out var index))
        {
            return IPAllocationFailures.NotInRange(requested, _cidrText);
        }

        if (index == 0)
        {
            return AllocationResult.Failed<IPAddress>(AllocationFailure.Reserved, $"failed to allocate IP {requested}: provided IP is the gateway of {_cidrText}");
        }

        return _used.Set(index)
            ? AllocationResult.Success(requested)
            : IPAllocationFailures.AlreadyAllocated(requested);
    }

    /// <summary>Frees an address so it can be allocated again straight away.</summary>
    /// <returns>False when the address was not allocated; nothing changes then.</returns>
    public bool Release(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!_block.TryGetIndex(address, out var index) || !_used.Clear(index))
        {
            return false;
        }

        _hint = Math.Min(_hint, index);
        return true;
    }

    /// <summary>True when <paramref name="address"/> is allocated.</summary>
    public bool IsAllocated(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return _block.TryGetIndex(address, out var index) && _used.Get(index);
    }

    /// <summary>True when a pod can hold <paramref name="address"/>: in the CIDR, and not its network, broadcast or gateway address.</summary>
    public bool Contains(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return _block.TryGetIndex(address, out var index) && index != 0;
    }
}
