using System.Collections.Frozen;

namespace RoutingCore.AspNetCore.Settings;

/// <summary>The hosts an Ingress's tls entries name: precise hosts and one-label wildcards (ING-H4).</summary>
internal sealed class TlsHostSet
{
    private readonly FrozenSet<string> _exact;
    private readonly FrozenSet<string> _wildcardSuffixes;

    public TlsHostSet(IEnumerable<string> hosts)
    {
        var exact = new List<string>();
        var suffixes = new List<string>();
        foreach (var host in hosts)
        {
            var name = host.ToLowerInvariant();
            (name.StartsWith("*.", StringComparison.Ordinal) ? suffixes : exact).Add(name.StartsWith("*.", StringComparison.Ordinal) ? name[2..] : name);
        }

        _exact = exact.ToFrozenSet(StringComparer.Ordinal);
        _wildcardSuffixes = suffixes.ToFrozenSet(StringComparer.Ordinal);
    }

    public bool IsEmpty => _exact.Count == 0 && _wildcardSuffixes.Count == 0;

    /// <summary>Whether <paramref name="host"/> (lower-case, no port) is covered.</summary>
    public bool Contains(string host)
    {
        if (_exact.Contains(host))
        {
            return true;
        }

        var dot = host.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && _wildcardSuffixes.Contains(host[(dot + 1)..]);
    }
}
