using System.Net.Sockets;

namespace RoutingCore.Balancing;

/// <summary>
/// The stable order of a set's endpoints, independent of how slices listed them (PX-8 "a stable order"): IPv4 before
/// IPv6 before DNS names, addresses by numeric value (so 10.0.0.9 precedes 10.0.0.10), then port. Round robin walks
/// this order, and consistent hashing builds its table in it, so proxies with the same endpoints agree.
/// </summary>
internal sealed class EndpointOrder : IComparer<EndpointDescription>
{
    /// <summary>The single instance.</summary>
    public static EndpointOrder Instance { get; } = new();

    /// <inheritdoc />
    public int Compare(EndpointDescription? x, EndpointDescription? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var byAddress = CompareAddress(x, y);
        return byAddress != 0 ? byAddress : x.Port.CompareTo(y.Port);
    }

    private static int CompareAddress(EndpointDescription x, EndpointDescription y)
    {
        var rank = Rank(x).CompareTo(Rank(y));
        if (rank != 0 || x.IPAddress is null || y.IPAddress is null)
        {
            return rank != 0 ? rank : string.CompareOrdinal(x.Address, y.Address);
        }

        Span<byte> a = stackalloc byte[16];
        Span<byte> b = stackalloc byte[16];
        x.IPAddress.TryWriteBytes(a, out var na);
        y.IPAddress.TryWriteBytes(b, out var nb);
        return a[..na].SequenceCompareTo(b[..nb]);
    }

    private static int Rank(EndpointDescription e) => e.IPAddress?.AddressFamily switch
    {
        AddressFamily.InterNetwork => 0,
        AddressFamily.InterNetworkV6 => 1,
        _ => 2,
    };
}
