using System.Collections.Frozen;
using RoutingCore.Matching;

namespace RoutingCore.Routing;

/// <summary>
/// SNI → certificate binding for the TLS listener (ING-T2): a tls host equal to the SNI, else a one-label wildcard
/// <c>*.S</c> covering it, else the oldest tls entry with no hosts; null means the controller's default certificate.
/// For a host given by several Ingresses, the oldest Ingress's entry is kept.
/// </summary>
public sealed class TlsTable
{
    private readonly FrozenDictionary<string, TlsBinding> _exact;
    private readonly FrozenDictionary<string, TlsBinding> _wildcards;
    private readonly FrozenDictionary<string, TlsBinding>.AlternateLookup<ReadOnlySpan<char>> _exactLookup;
    private readonly FrozenDictionary<string, TlsBinding>.AlternateLookup<ReadOnlySpan<char>> _wildcardLookup;

    internal TlsTable(Dictionary<string, TlsBinding> exact, Dictionary<string, TlsBinding> wildcards, TlsBinding? hostless, IReadOnlyList<TlsBinding> bindings)
    {
        _exact = exact.ToFrozenDictionary(StringComparer.Ordinal);
        _wildcards = wildcards.ToFrozenDictionary(StringComparer.Ordinal);
        _exactLookup = _exact.GetAlternateLookup<ReadOnlySpan<char>>();
        _wildcardLookup = _wildcards.GetAlternateLookup<ReadOnlySpan<char>>();
        Hostless = hostless;
        Bindings = bindings;
    }

    /// <summary>The binding of the oldest tls entry with no hosts (ING-T2 step 3), or null.</summary>
    public TlsBinding? Hostless { get; }

    /// <summary>Every tls entry of every served Ingress, oldest Ingress first.</summary>
    public IReadOnlyList<TlsBinding> Bindings { get; }

    /// <summary>The hosts named in tls entries (precise and wildcard).</summary>
    public IEnumerable<string> Hosts => _exact.Keys.Concat(_wildcards.Keys.Select(suffix => "*." + suffix));

    /// <summary>The binding for a server name (ING-T2 steps 1-3), or null for the default certificate.</summary>
    /// <param name="serverName">The SNI as the client sent it; lower-cased and stripped of one trailing dot here.</param>
    public TlsBinding? Find(ReadOnlySpan<char> serverName)
    {
        if (serverName.Length > 0 && serverName[^1] == '.')
        {
            serverName = serverName[..^1];
        }

        Span<char> buffer = stackalloc char[HostNormalizer.MaxHostLength];
        if (serverName.Length > buffer.Length)
        {
            return Hostless;
        }

        var name = buffer[..serverName.Length];
        HostNormalizer.LowerAscii(serverName, name);
        if (name.IsEmpty)
        {
            return Hostless;
        }

        if (_exactLookup.TryGetValue((ReadOnlySpan<char>)name, out var exact))
        {
            return exact;
        }

        var dot = name.IndexOf('.');
        return dot > 0 && _wildcardLookup.TryGetValue((ReadOnlySpan<char>)name[(dot + 1)..], out var wildcard) ? wildcard : Hostless;
    }
}
