using System.Net;
using System.Net.Sockets;

namespace RoutingCore.Allocation;

/// <summary>
/// The allocatable addresses of a CIDR (IPA-2): every address except the network address and, for IPv4, the broadcast
/// address, numbered from 0 (network + 1). The ClusterIP and pod IP allocators keep one bit per number.
/// </summary>
internal sealed class AddressBlock
{
    private readonly UInt128 _first;

    private AddressBlock(IPNetwork network, int count, int hostBits)
    {
        Network = network;
        Family = network.BaseAddress.AddressFamily;
        _first = IPAddressMath.ToUInt128(network.BaseAddress) + 1;
        Count = count;
        HostBits = hostBits;
    }

    /// <summary>The CIDR, with host bits cleared.</summary>
    public IPNetwork Network { get; }

    public AddressFamily Family { get; }

    /// <summary>The number of allocatable addresses.</summary>
    public int Count { get; }

    /// <summary>The number of host bits; the CIDR holds 2^HostBits addresses.</summary>
    public int HostBits { get; }

    /// <summary>
    /// Parses <paramref name="cidr"/>, refusing text that is not a CIDR, a block of more than 2^<paramref name="maxHostBits"/>
    /// addresses and a block with nothing allocatable. <paramref name="role"/> names the setting in the messages.
    /// </summary>
    /// <exception cref="ArgumentException">The CIDR is unusable.</exception>
    public static AddressBlock Parse(string cidr, int maxHostBits, string role)
    {
        ArgumentNullException.ThrowIfNull(cidr);
        if (!IPAddressMath.TryParseNetwork(cidr, out var network))
        {
            throw new ArgumentException($"The {role} \"{cidr}\" is not a valid CIDR (for example 10.96.0.0/12 or fd00::/108).", nameof(cidr));
        }

        var family = network.BaseAddress.AddressFamily;
        var hostBits = IPAddressMath.Bits(family) - network.PrefixLength;
        if (hostBits > maxHostBits)
        {
            var minimumPrefix = IPAddressMath.Bits(family) - maxHostBits;
            throw new ArgumentException(
                $"The {role} \"{cidr}\" is too large: it holds 2^{hostBits} addresses and at most 2^{maxHostBits} are supported, " +
                $"so an {(family == AddressFamily.InterNetwork ? "IPv4" : "IPv6")} prefix must be /{minimumPrefix} or longer.",
                nameof(cidr));
        }

        // Network address always excluded; broadcast too for IPv4.
        var excluded = family == AddressFamily.InterNetwork ? 2 : 1;
        var count = (1 << hostBits) - excluded;
        if (count < 1)
        {
            throw new ArgumentException($"The {role} \"{cidr}\" holds no allocatable address (the network and broadcast addresses are never allocated).", nameof(cidr));
        }

        return new AddressBlock(network, count, hostBits);
    }

    /// <summary>The number of an allocatable address; false for any other address, of either family.</summary>
    public bool TryGetIndex(IPAddress address, out int index)
    {
        index = -1;
        if (address.AddressFamily != Family)
        {
            return false;
        }

        var value = IPAddressMath.ToUInt128(address);
        if (value < _first || value - _first >= (UInt128)Count)
        {
            return false;
        }

        index = (int)(value - _first);
        return true;
    }

    /// <summary>The allocatable address numbered <paramref name="index"/>.</summary>
    public IPAddress AddressAt(int index) => IPAddressMath.FromUInt128(_first + (UInt128)index, Family);
}
