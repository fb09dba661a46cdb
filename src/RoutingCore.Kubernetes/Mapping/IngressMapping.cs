using k8s.Models;
using RoutingCore.Model;

namespace RoutingCore.Kubernetes.Mapping;

/// <summary>networking.k8s.io/v1 Ingress, spec and status.</summary>
internal sealed class IngressMapping : KindMapping<V1Ingress, Ingress>
{
    public override ObjectKind Kind => ObjectKind.Ingress;

    protected override Ingress Map(V1Ingress api)
    {
        var spec = api.Spec ?? new V1IngressSpec();
        return new Ingress
        {
            Spec = new IngressSpec
            {
                IngressClassName = spec.IngressClassName,
                DefaultBackend = ToModel(spec.DefaultBackend),
                Tls = MapValues.Array(spec.Tls, t => new IngressTls { Hosts = MapValues.Strings(t.Hosts), SecretName = t.SecretName }),
                Rules = MapValues.Array(spec.Rules, r => new IngressRule
                {
                    Host = r.Host,
                    Http = r.Http is { } http
                        ? new HttpIngressRuleValue
                        {
                            Paths = MapValues.Array(http.Paths, p => new HttpIngressPath { Path = p.Path, PathType = p.PathType, Backend = ToModel(p.Backend) ?? new IngressBackend() }),
                        }
                        : null,
                }),
            },
            Status = new IngressStatus { LoadBalancer = LoadBalancerMapping.ToModel(api.Status?.LoadBalancer?.Ingress) },
        };
    }

    protected override V1Ingress Map(Ingress model) => new()
    {
        Spec = new V1IngressSpec
        {
            IngressClassName = model.Spec.IngressClassName,
            DefaultBackend = ToKubernetes(model.Spec.DefaultBackend),
            Tls = MapValues.ListOrNull(model.Spec.Tls, t => new V1IngressTLS { Hosts = MapValues.StringsOrNull(t.Hosts), SecretName = t.SecretName }),
            Rules = MapValues.ListOrNull(model.Spec.Rules, r => new V1IngressRule
            {
                Host = r.Host,
                Http = r.Http is { } http
                    ? new V1HTTPIngressRuleValue
                    {
                        Paths = http.Paths.IsDefault ? [] : http.Paths.Select(p => new V1HTTPIngressPath { Path = p.Path, PathType = p.PathType, Backend = ToKubernetes(p.Backend) }).ToList(),
                    }
                    : null,
            }),
        },
        Status = new V1IngressStatus
        {
            LoadBalancer = new V1IngressLoadBalancerStatus { Ingress = LoadBalancerMapping.ToIngressIngress(model.Status.LoadBalancer) },
        },
    };

    private static IngressBackend? ToModel(V1IngressBackend? backend) => backend is null
        ? null
        : new IngressBackend
        {
            Service = backend.Service is { } service
                ? new IngressServiceBackend
                {
                    Name = MapValues.Text(service.Name),
                    Port = new ServiceBackendPort { Name = service.Port?.Name, Number = service.Port?.Number ?? 0 },
                }
                : null,
            Resource = backend.Resource is { } r ? new TypedLocalObjectReference(r.ApiGroup, MapValues.Text(r.Kind), MapValues.Text(r.Name)) : null,
        };

    private static V1IngressBackend? ToKubernetes(IngressBackend? backend) => backend is null
        ? null
        : new V1IngressBackend
        {
            Service = backend.Service is { } service
                ? new V1IngressServiceBackend
                {
                    Name = service.Name,
                    Port = new V1ServiceBackendPort { Name = service.Port.Name, Number = MapValues.NumberOrNull(service.Port.Number) },
                }
                : null,
            Resource = backend.Resource is { } r ? new V1TypedLocalObjectReference { ApiGroup = r.ApiGroup, Kind = r.Kind, Name = r.Name } : null,
        };
}
