using System.Collections.Frozen;
using RoutingCore.Model;

namespace RoutingCore.Kubernetes.Mapping;

/// <summary>The mapping of every supported kind, found by <see cref="ObjectKind"/> or by <c>apiVersion</c> and <c>kind</c>.</summary>
internal static class KindMappings
{
    private static readonly KindMapping[] ByKind = Build();

    private static readonly FrozenDictionary<(string ApiVersion, string Kind), KindMapping> ByApiName =
        ByKind.ToFrozenDictionary(m => (m.Kind.ApiVersion(), m.Kind.ToString()));

    public static KindMapping For(ObjectKind kind) => ByKind[(int)kind];

    public static KindMapping? Find(string? apiVersion, string? kind) =>
        apiVersion is not null && kind is not null && ByApiName.TryGetValue((apiVersion, kind), out var mapping) ? mapping : null;

    private static KindMapping[] Build()
    {
        KindMapping[] all =
        [
            new NamespaceMapping(), new NodeMapping(), new IngressClassMapping(), new ConfigMapMapping(), new SecretMapping(),
            new ServiceMapping(), new PodMapping(), new EndpointsMapping(), new EndpointSliceMapping(), new IngressMapping(),
            new DeploymentMapping(),
        ];
        var byKind = new KindMapping[all.Length];
        foreach (var mapping in all)
        {
            byKind[(int)mapping.Kind] = mapping;
        }

        return byKind;
    }
}
