using RoutingCore.Model;
using RoutingCore.Validation;

namespace RoutingCore.ProxyHost.Cli;

/// <summary>What <c>get</c> was asked for, checked once; the offline and the remote path both read it.</summary>
internal sealed record GetRequest(ObjectKind Kind, string? Name, string Namespace, bool AllNamespaces, string? Format)
{
    /// <summary>The namespace listed, or null for <c>-A</c> and cluster-scoped kinds.</summary>
    public string? Scope => Kind.IsNamespaced() && !AllNamespaces ? Namespace : null;

    /// <summary>kubectl's message for a name that is not there (the admin API answers the same text in its Status).</summary>
    public string NotFound => $"Error from server (NotFound): {Kind.Resource()} {GoQuote.Quote(Name ?? "")} not found";

    /// <summary>
    /// The admin API path that answers this request as kube-apiserver would:
    /// <c>/api/v1/namespaces/default/services[/name]</c>, <c>/apis/networking.k8s.io/v1/ingresses</c> for <c>-A</c>,
    /// <c>/api/v1/namespaces[/name]</c> for cluster-scoped kinds.
    /// </summary>
    public string AdminPath
    {
        get
        {
            var apiVersion = Kind.ApiVersion();
            var prefix = apiVersion == "v1" ? "/api/v1" : "/apis/" + apiVersion;

            // Resource() is qualified for messages (ingresses.networking.k8s.io); the path takes the plain plural.
            var resource = Kind.Resource().Split('.')[0];
            var path = Scope is { } ns ? $"{prefix}/namespaces/{Uri.EscapeDataString(ns)}/{resource}" : $"{prefix}/{resource}";
            return Name is null ? path : $"{path}/{Uri.EscapeDataString(Name)}";
        }
    }

    /// <summary>Checks the arguments as kubectl does; on failure writes its one-line error and returns false.</summary>
    public static bool TryCreate(string kind, string? name, string @namespace, bool allNamespaces, string? format, TextWriter error, out GetRequest request)
    {
        request = null!;
        if (!ResourceNames.TryParse(kind, out var objectKind))
        {
            error.WriteLine($"error: the server doesn't have a resource type \"{kind}\"");
            return false;
        }

        if (name is not null && allNamespaces && objectKind.IsNamespaced())
        {
            error.WriteLine("error: a resource cannot be retrieved by name across all namespaces");
            return false;
        }

        request = new GetRequest(objectKind, name, @namespace, allNamespaces, format);
        return true;
    }
}
