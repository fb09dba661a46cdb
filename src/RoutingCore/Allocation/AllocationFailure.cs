namespace RoutingCore.Allocation;

/// <summary>Why an allocation failed; <see cref="None"/> for a success.</summary>
public enum AllocationFailure
{
    /// <summary>The allocation succeeded.</summary>
    None,

    /// <summary>The requested value is outside the allocatable set (IPA-4, NPA-3, LBA-4).</summary>
    NotInRange,

    /// <summary>The requested value is held already (IPA-4, NPA-3, LBA-4).</summary>
    AlreadyAllocated,

    /// <summary>The requested value is inside the range but set aside (the pod network's gateway address).</summary>
    Reserved,

    /// <summary>No value is left for a dynamic allocation (IPA-5, NPA-5, LBA-5).</summary>
    RangeFull,
}
