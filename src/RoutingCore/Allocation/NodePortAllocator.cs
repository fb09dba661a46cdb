using System.Globalization;

namespace RoutingCore.Allocation;

/// <summary>
/// Allocates node ports from one inclusive range shared by every protocol and every Service (spec §9.2, NPA-1..NPA-6).
/// </summary>
/// <remarks>
/// <para>
/// Algorithm (NPA-5): the range is split into a static band <c>[min, min + offset - 1]</c> and a dynamic band (the
/// rest), with <c>offset = size &lt;= 16 ? 0 : min(max(16, size / 32), 128)</c> and <c>size = max - min + 1</c>. A dynamic
/// allocation draws a random start in the dynamic band and takes the first free port scanning forward (wrapping once);
/// only when the dynamic band is full does it do the same in the static band. Hand-picked ports belong in the static
/// band, where dynamic allocation goes last.
/// </para>
/// <para>
/// Subtle point (NPA-1): a port is one number whatever the protocol, so 30080 held for TCP by one Service is unavailable
/// to UDP on every other Service. Sharing inside one Service is the caller's business (<see cref="NodePortPlan"/>).
/// </para>
/// <para>Not thread-safe (the store calls it under its write lock); deterministic given the <see cref="Random"/>.</para>
/// </remarks>
public sealed class NodePortAllocator
{
    /// <summary>The default lowest node port (NPA-1).</summary>
    public const int DefaultMin = 30000;

    /// <summary>The default highest node port (NPA-1).</summary>
    public const int DefaultMax = 32767;

    private readonly AllocationBitmap _used;
    private readonly Random _random;
    private readonly string _notInRangeMessage;

    /// <summary>Creates an allocator over the default range 30000-32767.</summary>
    /// <param name="random">The source of the random scan starts; pass a seeded one for reproducible allocations.</param>
    public NodePortAllocator(Random random)
        : this(DefaultMin, DefaultMax, random)
    {
    }

    /// <summary>Creates an allocator over <paramref name="min"/>-<paramref name="max"/>, inclusive, with nothing allocated.</summary>
    /// <param name="min">The lowest node port.</param>
    /// <param name="max">The highest node port.</param>
    /// <param name="random">The source of the random scan starts; pass a seeded one for reproducible allocations.</param>
    /// <exception cref="ArgumentException">The range is empty or not within 1-65535.</exception>
    public NodePortAllocator(int min, int max, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (min < 1 || max > 65535 || min > max)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The node port range {min}-{max} is not valid: it must satisfy 1 <= min <= max <= 65535."),
                nameof(min));
        }

        Min = min;
        Max = max;
        _random = random;
        _used = new AllocationBitmap(Size);
        StaticBandSize = Size <= 16 ? 0 : Math.Min(Math.Max(16, Size / 32), 128);
        _notInRangeMessage = "provided port is not in the valid range. The range of valid ports is " + RangeText;
    }

    /// <summary>The lowest node port.</summary>
    public int Min { get; }

    /// <summary>The highest node port.</summary>
    public int Max { get; }

    /// <summary>The number of ports in the range.</summary>
    public int Size => Max - Min + 1;

    /// <summary>The range as upstream prints it: <c>30000-32767</c>.</summary>
    public string RangeText => string.Create(CultureInfo.InvariantCulture, $"{Min}-{Max}");

    /// <summary>The number of ports allocated.</summary>
    public int Used => _used.Count;

    /// <summary>The number of ports not allocated.</summary>
    public int Free => Size - _used.Count;

    /// <summary>The number of ports in the static band, <c>min</c> to <c>min + offset - 1</c> (NPA-5).</summary>
    internal int StaticBandSize { get; }

    /// <summary>Allocates a free port at random (NPA-5).</summary>
    /// <returns>The port, or <see cref="AllocationFailure.RangeFull"/> with the message <c>range is full</c>.</returns>
    public AllocationResult<int> Allocate()
    {
        var index = _used.FindClearFromRandomStart(StaticBandSize, Size, _random);
        if (index < 0)
        {
            index = _used.FindClearFromRandomStart(0, StaticBandSize, _random);
        }

        if (index < 0)
        {
            return AllocationResult.Failed<int>(AllocationFailure.RangeFull, "range is full");
        }

        _used.Set(index);
        return AllocationResult.Success(Min + index);
    }

    /// <summary>Allocates the requested port (NPA-3); either band may be requested.</summary>
    /// <returns>The port, or a failure whose message is the upstream text:
    /// <c>provided port is not in the valid range. The range of valid ports is 30000-32767</c> or
    /// <c>provided port is already allocated</c>.</returns>
    public AllocationResult<int> Allocate(int port)
    {
        if (!Contains(port))
        {
            return AllocationResult.Failed<int>(AllocationFailure.NotInRange, _notInRangeMessage);
        }

        return _used.Set(port - Min)
            ? AllocationResult.Success(port)
            : AllocationResult.Failed<int>(AllocationFailure.AlreadyAllocated, "provided port is already allocated");
    }

    /// <summary>Frees a port so it can be allocated again straight away.</summary>
    /// <returns>False when the port was not allocated (or is outside the range); nothing changes then.</returns>
    public bool Release(int port) => Contains(port) && _used.Clear(port - Min);

    /// <summary>True when <paramref name="port"/> is allocated.</summary>
    public bool IsAllocated(int port) => Contains(port) && _used.Get(port - Min);

    /// <summary>True when <paramref name="port"/> is inside the range.</summary>
    public bool Contains(int port) => port >= Min && port <= Max;
}
