using k8s.Models;
using RoutingCore.Model;

namespace RoutingCore.Kubernetes.Mapping;

/// <summary>core/v1 ConfigMap: <c>data</c> and <c>binaryData</c> (base64 in manifests, bytes here).</summary>
internal sealed class ConfigMapMapping : KindMapping<V1ConfigMap, ConfigMap>
{
    public override ObjectKind Kind => ObjectKind.ConfigMap;

    protected override ConfigMap Map(V1ConfigMap api) => new()
    {
        Data = MapValues.Map(api.Data),
        BinaryData = MapValues.Bytes(api.BinaryData),
    };

    protected override V1ConfigMap Map(ConfigMap model) => new()
    {
        Data = MapValues.MapOrNull(model.Data),
        BinaryData = MapValues.BytesOrNull(model.BinaryData),
    };
}
