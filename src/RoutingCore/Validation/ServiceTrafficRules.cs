using RoutingCore.Model;

namespace RoutingCore.Validation;

/// <summary>
/// Service rules about where traffic may come from and go to: source ranges (SVC-V13), LoadBalancer-only fields
/// (SVC-V14, V15), traffic policies and the health-check node port (SVC-V16..V18), and trafficDistribution (SVC-V19).
/// </summary>
internal static class ServiceTrafficRules
{
    /// <summary>The legacy annotation read when <c>spec.loadBalancerSourceRanges</c> is empty (SVC-V13).</summary>
    public const string SourceRangesAnnotation = "service.beta.kubernetes.io/load-balancer-source-ranges";

    private const string OnlyLoadBalancer = "may only be used when `type` is 'LoadBalancer'";
    private static readonly FieldPath Spec = FieldPath.Root("spec");
    private static readonly string[] TrafficPolicies = [ServicePolicies.Cluster, ServicePolicies.Local];
    private static readonly string[] Distributions = [Model.TrafficDistributions.PreferClose, Model.TrafficDistributions.PreferSameNode, Model.TrafficDistributions.PreferSameZone];

    /// <summary>SVC-V13..V19 in order; <paramref name="old"/> is the stored spec on update, for the immutability parts.</summary>
    public static void Validate(Service service, ServiceSpec? old, List<FieldError> errors)
    {
        var spec = service.Spec;
        ValidateSourceRanges(service, errors);
        if (spec.AllocateLoadBalancerNodePorts is not null && spec.Type != ServiceTypes.LoadBalancer)
        {
            errors.Add(FieldError.Forbidden(Spec.Child("allocateLoadBalancerNodePorts"), OnlyLoadBalancer));
        }

        if (spec.Type == ServiceTypes.LoadBalancer && spec.AllocateLoadBalancerNodePorts is null)
        {
            // Only reachable when defaulting (SVC-D6) was skipped; the path lacks "spec." upstream too.
            errors.Add(FieldError.Required(FieldPath.Root("allocateLoadBalancerNodePorts")));
        }

        ValidateLoadBalancerClass(spec, old, errors);
        ValidateExternalTrafficPolicy(spec, old, errors);
        ValidateInternalTrafficPolicy(spec, errors);
        if (spec.TrafficDistribution is { } distribution && Array.IndexOf(Distributions, distribution) < 0)
        {
            errors.Add(FieldError.NotSupported(Spec.Child("trafficDistribution"), distribution, Distributions));
        }
    }

    // Entries may be space-padded, a leftover of the annotation they replaced, so each is trimmed before the check.
    private static void ValidateSourceRanges(Service service, List<FieldError> errors)
    {
        var spec = service.Spec;
        if (!spec.LoadBalancerSourceRanges.IsDefaultOrEmpty)
        {
            var path = Spec.Child("LoadBalancerSourceRanges"); // The capital L is upstream's.
            if (spec.Type != ServiceTypes.LoadBalancer)
            {
                errors.Add(FieldError.Forbidden(path, OnlyLoadBalancer));
            }

            for (var i = 0; i < spec.LoadBalancerSourceRanges.Length; i++)
            {
                Cidr(errors, path.Index(i), spec.LoadBalancerSourceRanges[i].Trim());
            }
        }
        else if (service.Metadata.Annotations.TryGetValue(SourceRangesAnnotation, out var annotation))
        {
            var path = FieldPath.Root("metadata").Child("annotations").Key(SourceRangesAnnotation);
            if (spec.Type != ServiceTypes.LoadBalancer)
            {
                errors.Add(FieldError.Forbidden(path, OnlyLoadBalancer));
            }

            annotation = annotation.Trim();
            if (annotation.Length > 0)
            {
                foreach (var range in annotation.Split(','))
                {
                    Cidr(errors, path, range.Trim());
                }
            }
        }
    }

    private static void Cidr(List<FieldError> errors, FieldPath path, string value)
    {
        if (!IPRules.TryParseCidr(value, out _, out _))
        {
            errors.Add(FieldError.Invalid(path, value, NameRules.CidrMessage));
        }
    }

    // SVC-V15: the class is fixed while the Service stays a LoadBalancer; leaving LoadBalancer clears it (ServiceCarryOver).
    private static void ValidateLoadBalancerClass(ServiceSpec spec, ServiceSpec? old, List<FieldError> errors)
    {
        var path = Spec.Child("loadBalancerClass");
        if (old is not null && old.Type == ServiceTypes.LoadBalancer && spec.Type == ServiceTypes.LoadBalancer
            && old.LoadBalancerClass != spec.LoadBalancerClass)
        {
            errors.Add(FieldError.Invalid(path, spec.LoadBalancerClass, "may not change once set"));
        }

        if (spec.LoadBalancerClass is { } loadBalancerClass)
        {
            if (spec.Type == ServiceTypes.LoadBalancer)
            {
                FieldRules.QualifiedName(errors, path, loadBalancerClass);
            }
            else
            {
                errors.Add(FieldError.Forbidden(path, OnlyLoadBalancer));
            }
        }
    }

    // SVC-V16, V17. A needed but empty healthCheckNodePort is not an error here: allocation fills it after validation.
    private static void ValidateExternalTrafficPolicy(ServiceSpec spec, ServiceSpec? old, List<FieldError> errors)
    {
        var path = Spec.Child("externalTrafficPolicy");
        var policy = spec.ExternalTrafficPolicy ?? "";
        if (!ServiceTypeRules.ExternallyAccessible(spec))
        {
            if (policy.Length > 0)
            {
                errors.Add(FieldError.Invalid(path, policy, "may only be set for externally-accessible services"));
            }
        }
        else if (policy.Length == 0)
        {
            errors.Add(FieldError.Required(path));
        }
        else if (Array.IndexOf(TrafficPolicies, policy) < 0)
        {
            errors.Add(FieldError.NotSupported(path, policy, TrafficPolicies));
        }

        var healthCheckPath = Spec.Child("healthCheckNodePort");
        if (!ServiceTypeRules.NeedsHealthCheck(spec))
        {
            if (spec.HealthCheckNodePort != 0)
            {
                errors.Add(FieldError.Invalid(healthCheckPath, spec.HealthCheckNodePort, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
            }
        }
        else if (spec.HealthCheckNodePort != 0)
        {
            FieldRules.PortNumber(errors, healthCheckPath, spec.HealthCheckNodePort);
        }

        if (old is not null && ServiceTypeRules.NeedsHealthCheck(old) && ServiceTypeRules.NeedsHealthCheck(spec)
            && old.HealthCheckNodePort != spec.HealthCheckNodePort)
        {
            errors.Add(FieldError.Forbidden(healthCheckPath, "field is immutable"));
        }
    }

    // SVC-V18. Not required on ExternalName: upstream never checked it there and keeps accepting stored objects.
    private static void ValidateInternalTrafficPolicy(ServiceSpec spec, List<FieldError> errors)
    {
        var path = Spec.Child("internalTrafficPolicy");
        if (spec.InternalTrafficPolicy is not { } policy)
        {
            if (spec.Type is ServiceTypes.ClusterIP or ServiceTypes.NodePort or ServiceTypes.LoadBalancer)
            {
                errors.Add(FieldError.Required(path));
            }
        }
        else if (Array.IndexOf(TrafficPolicies, policy) < 0)
        {
            errors.Add(FieldError.NotSupported(path, policy, TrafficPolicies));
        }
    }
}
