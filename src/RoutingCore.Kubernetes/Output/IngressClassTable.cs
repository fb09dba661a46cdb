using k8s.Models;
using RoutingCore.Model;

namespace RoutingCore.Kubernetes.Output;

/// <summary>
/// <c>kubectl get ingressclasses</c>: <c>NAME CONTROLLER PARAMETERS AGE</c>. PARAMETERS is <c>Kind[.apiGroup]/name</c>
/// or <c>&lt;none&gt;</c>; the default class's name carries <c> (default)</c> (kubectl 1.35 and later).
/// </summary>
internal sealed class IngressClassTable : TableFormat<V1IngressClass>
{
    public override ObjectKind Kind => ObjectKind.IngressClass;

    public override string[] Headers(bool wide) => ["NAME", "CONTROLLER", "PARAMETERS", "AGE"];

    protected override string[] Row(V1IngressClass obj, bool wide, TableClock clock)
    {
        var name = obj.Metadata.Name;
        if (obj.Metadata.Annotations is { } annotations && annotations.TryGetValue(IngressClass.DefaultClassAnnotation, out var isDefault) && isDefault == "true")
        {
            name += " (default)";
        }

        var parameters = "<none>";
        if (obj.Spec?.Parameters is { } p)
        {
            parameters = p.ApiGroup is null ? $"{p.Kind}/{p.Name}" : $"{p.Kind}.{p.ApiGroup}/{p.Name}";
        }

        return [name, obj.Spec?.Controller ?? "", parameters, clock.Since(obj.Metadata.CreationTimestamp)];
    }
}
