using System.Collections.Immutable;
using RoutingCore.Model;
using RoutingCore.Validation;

namespace RoutingCore.Proxying;

/// <summary>
/// A compiled list of client CIDRs (PX-9 <c>loadBalancerSourceRanges</c>, or the in-cluster ranges of PX-6). An empty
/// list allows every client. Entries are trimmed as SVC-V13 does; host bits are ignored as Go's <c>net.ParseCIDR</c>
/// ignores them. The check is a linear scan of (network, mask) pairs: source-range lists are short, and a scan of a
/// few 128-bit compares beats any tree at that size.
/// </summary>
internal sealed class SourceRangeSet
{
    private readonly (UInt128 Network, UInt128 Mask)[] _ranges;
    private readonly bool _denyAll;

    private SourceRangeSet((UInt128, UInt128)[] ranges, ImmutableArray<string> text, bool denyAll = false)
    {
        _ranges = ranges;
        Text = text;
        _denyAll = denyAll;
    }

    /// <summary>The empty list: every client is allowed.</summary>
    public static SourceRangeSet AllowAll { get; } = new([], []);

    /// <summary>The ranges as configured (trimmed).</summary>
    public ImmutableArray<string> Text { get; }

    /// <summary>Whether the list is empty.</summary>
    public bool IsEmpty => _ranges.Length == 0 && !_denyAll;

    /// <summary>
    /// Compiles CIDR text; entries that do not parse are skipped (validation refuses them on write, so only hand-made
    /// tables can carry them) and reported through <paramref name="invalid"/>.
    /// </summary>
    public static SourceRangeSet Parse(IEnumerable<string> cidrs, List<string>? invalid = null)
    {
        var ranges = new List<(UInt128, UInt128)>();
        var text = ImmutableArray.CreateBuilder<string>();
        var skipped = 0;
        foreach (var raw in cidrs)
        {
            var cidr = raw.Trim();
            if (cidr.Length == 0)
            {
                continue;
            }

            if (IPRules.TryParseCidr(cidr, out var address, out var prefix))
            {
                ranges.Add(AddressKey.Network(address, prefix));
                text.Add(cidr);
            }
            else
            {
                skipped++;
                invalid?.Add(cidr);
            }
        }

        // A list whose every entry was unparseable must not turn into "allow everyone": it allows no one.
        return new SourceRangeSet([.. ranges], text.ToImmutable(), denyAll: ranges.Count == 0 && skipped > 0);
    }

    /// <summary>PX-9 for <paramref name="service"/>: <c>spec.loadBalancerSourceRanges</c>, else the legacy annotation (SVC-V13).</summary>
    public static SourceRangeSet ForService(Service service, List<string>? invalid = null)
    {
        if (!service.Spec.LoadBalancerSourceRanges.IsDefaultOrEmpty)
        {
            return Parse(service.Spec.LoadBalancerSourceRanges, invalid);
        }

        return service.Metadata.Annotations.TryGetValue(ServiceTrafficRules.SourceRangesAnnotation, out var annotation)
            ? Parse(annotation.Split(','), invalid)
            : AllowAll;
    }

    /// <summary>Whether <paramref name="client"/> (an <see cref="AddressKey"/>) is allowed.</summary>
    public bool Allows(UInt128 client) => (_ranges.Length == 0 && !_denyAll) || Contains(client);

    /// <summary>Whether <paramref name="client"/> is inside one of the ranges (false for the empty list).</summary>
    public bool Contains(UInt128 client)
    {
        foreach (var (network, mask) in _ranges)
        {
            if ((client & mask) == network)
            {
                return true;
            }
        }

        return false;
    }
}
