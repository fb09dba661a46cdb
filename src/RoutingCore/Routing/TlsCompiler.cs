using RoutingCore.Model;
using RoutingCore.State;

namespace RoutingCore.Routing;

/// <summary>
/// Builds the <see cref="TlsTable"/> from the served Ingresses, oldest first so that the first claim on a host wins
/// (ING-T2): each tls entry's hosts map to its Secret's certificate; an entry with no hosts is a candidate for the
/// hostless binding; an empty secretName or an unusable Secret leaves its hosts on the default certificate.
/// </summary>
internal static class TlsCompiler
{
    public static TlsTable Compile(ClusterView view, IReadOnlyList<Ingress> servedOldestFirst, TlsCertificateCache certificates)
    {
        var exact = new Dictionary<string, TlsBinding>(StringComparer.Ordinal);
        var wildcards = new Dictionary<string, TlsBinding>(StringComparer.Ordinal);
        var bindings = new List<TlsBinding>();
        TlsBinding? hostless = null;
        foreach (var ingress in servedOldestFirst)
        {
            for (var i = 0; i < ingress.Spec.Tls.Length; i++)
            {
                var entry = ingress.Spec.Tls[i];
                var binding = Bind(view, ingress, i, entry.SecretName, certificates);
                bindings.Add(binding);
                if (entry.Hosts.IsDefaultOrEmpty)
                {
                    hostless ??= binding;
                    continue;
                }

                foreach (var host in entry.Hosts)
                {
                    var name = host.ToLowerInvariant();
                    if (name.StartsWith("*.", StringComparison.Ordinal))
                    {
                        wildcards.TryAdd(name[2..], binding);
                    }
                    else
                    {
                        exact.TryAdd(name, binding);
                    }
                }
            }
        }

        return new TlsTable(exact, wildcards, hostless, bindings);
    }

    private static TlsBinding Bind(ClusterView view, Ingress ingress, int index, string? secretName, TlsCertificateCache certificates)
    {
        var key = ObjectKey.Of(ingress);
        if (string.IsNullOrEmpty(secretName))
        {
            return new TlsBinding(key, index, null, null, null);
        }

        if (view.Get<Secret>(ingress.Metadata.Namespace, secretName) is not { } secret)
        {
            return new TlsBinding(key, index, secretName, null, $"secret {ingress.Metadata.Namespace}/{secretName} not found");
        }

        var (certificate, error) = certificates.Get(secret);
        return new TlsBinding(key, index, secretName, certificate, error);
    }
}
