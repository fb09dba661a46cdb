using System.Net;

namespace RoutingCore.Allocation;

/// <summary>The failures of a requested-address allocation, with upstream's IPA-4 texts, shared by the IP allocators.</summary>
internal static class IPAllocationFailures
{
    public static AllocationResult<IPAddress> NotInRange(IPAddress requested, string cidr)
    {
        var ip = requested.ToString();
        return AllocationResult.Failed<IPAddress>(
            AllocationFailure.NotInRange,
            $"failed to allocate IP {ip}: the provided IP ({ip}) is not in the valid range. The range of valid IPs is {cidr}");
    }

    public static AllocationResult<IPAddress> AlreadyAllocated(IPAddress requested) =>
        AllocationResult.Failed<IPAddress>(AllocationFailure.AlreadyAllocated, $"failed to allocate IP {requested}: provided IP is already allocated");
}
