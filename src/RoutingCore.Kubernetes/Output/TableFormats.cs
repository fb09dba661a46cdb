using RoutingCore.Model;

namespace RoutingCore.Kubernetes.Output;

/// <summary>The table format of each kind that has one.</summary>
internal static class TableFormats
{
    private static readonly Dictionary<ObjectKind, TableFormat> ByKind = new TableFormat[]
    {
        new ServiceTable(), new PodTable(), new EndpointSliceTable(), new IngressTable(), new IngressClassTable(),
        new DeploymentTable(), new EndpointsTable(), new NamespaceTable(), new SecretTable(), new ConfigMapTable(),
    }.ToDictionary(f => f.Kind);

    public static TableFormat? For(ObjectKind kind) => ByKind.GetValueOrDefault(kind);
}
