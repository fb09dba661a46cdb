using System.Net;
using System.Net.Sockets;

namespace RoutingCore.Allocation;

/// <summary>
/// An inclusive range of addresses of one family, parsed from a LoadBalancer pool entry (LBA-1): a CIDR
/// (<c>192.0.2.0/24</c>) or a range (<c>192.0.2.10-192.0.2.20</c>).
/// </summary>
/// <remarks>
/// A CIDR pool leaves out addresses nobody should be given, as MetalLB does. IPv4 with a prefix shorter than /31: the
/// network and broadcast addresses. IPv6 has no broadcast, so (as IPA-2 does for ClusterIPs) only the network address,
/// the subnet-router anycast address of RFC 4291, is left out, for prefixes shorter than /127. /31, /32, /127 and /128
/// keep every address (RFC 3021 point-to-point links). A range keeps exactly the addresses it names.
/// </remarks>
internal readonly record struct AddressRange(AddressFamily Family, UInt128 First, UInt128 Last)
{
    /// <summary>Parses one pool entry; on failure <paramref name="error"/> says why.</summary>
    public static bool TryParse(string text, out AddressRange range, out string error)
    {
        range = default;
        var entry = text.Trim();
        var dash = entry.IndexOf('-', StringComparison.Ordinal);
        if (dash >= 0)
        {
            if (!Validation.IPRules.TryParse(entry.AsSpan(0, dash).Trim(), out var first) ||
                !Validation.IPRules.TryParse(entry.AsSpan(dash + 1).Trim(), out var last))
            {
                error = $"\"{text}\" is not a valid address range (for example 192.0.2.10-192.0.2.20)";
                return false;
            }

            if (first.AddressFamily != last.AddressFamily)
            {
                error = $"\"{text}\" mixes IPv4 and IPv6 addresses";
                return false;
            }

            var low = IPAddressMath.ToUInt128(first);
            var high = IPAddressMath.ToUInt128(last);
            if (low > high)
            {
                error = $"\"{text}\" ends before it starts";
                return false;
            }

            range = new AddressRange(first.AddressFamily, low, high);
            error = "";
            return true;
        }

        if (!IPAddressMath.TryParseNetwork(entry, out var network))
        {
            error = $"\"{text}\" is neither a CIDR (192.0.2.0/24) nor an address range (192.0.2.10-192.0.2.20)";
            return false;
        }

        var family = network.BaseAddress.AddressFamily;
        var start = IPAddressMath.ToUInt128(network.BaseAddress);
        var end = start | IPAddressMath.HostMask(family, network.PrefixLength);
        var bits = IPAddressMath.Bits(family);
        if (network.PrefixLength < bits - 1)
        {
            start++;
            if (family == AddressFamily.InterNetwork)
            {
                end--;
            }
        }

        range = new AddressRange(family, start, end);
        error = "";
        return true;
    }

    /// <summary>True when the two ranges share an address.</summary>
    public bool Overlaps(AddressRange other) => Family == other.Family && First <= other.Last && other.First <= Last;

    /// <summary>True when <paramref name="address"/> is in the range.</summary>
    public bool Contains(IPAddress address, out UInt128 value)
    {
        value = IPAddressMath.ToUInt128(address);
        return address.AddressFamily == Family && value >= First && value <= Last;
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{IPAddressMath.FromUInt128(First, Family)}-{IPAddressMath.FromUInt128(Last, Family)}";
}
