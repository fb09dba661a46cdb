using System.Text;
using k8s.Models;
using RoutingCore.Model;

namespace RoutingCore.Kubernetes.Mapping;

/// <summary>
/// core/v1 Secret. <c>stringData</c> is write-only in the API: kube-apiserver merges it into <c>data</c> (its keys win)
/// and never returns it, so the model holds the merged bytes and the API shape shows only <c>data</c>.
/// </summary>
internal sealed class SecretMapping : KindMapping<V1Secret, Secret>
{
    public override ObjectKind Kind => ObjectKind.Secret;

    protected override Secret Map(V1Secret api)
    {
        var data = MapValues.Bytes(api.Data);
        if (api.StringData is { Count: > 0 } strings)
        {
            var builder = data.ToBuilder();
            foreach (var (key, value) in strings)
            {
                builder[key] = [.. Encoding.UTF8.GetBytes(value ?? "")];
            }

            data = builder.ToImmutable();
        }

        return new Secret { Type = MapValues.Text(api.Type), Data = data };
    }

    protected override V1Secret Map(Secret model) => new()
    {
        Type = MapValues.TextOrNull(model.Type),
        Data = MapValues.BytesOrNull(model.Data),
    };
}
