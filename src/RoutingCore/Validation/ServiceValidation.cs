using RoutingCore.Model;

namespace RoutingCore.Validation;

/// <summary>
/// Service validation (spec §7.3, SVC-V1..V21), run after <see cref="ServiceDefaults.Apply"/> and before allocation.
/// Every problem is reported, in the spec's rule order (ERR-1), with kube-apiserver's exact texts.
/// </summary>
/// <remarks>
/// Upstream runs allocation before validation; RoutingCore validates first (M-1), so fields that allocation fills
/// (an empty <c>clusterIP</c>, <c>nodePort</c> or <c>healthCheckNodePort</c>) are accepted empty here. On update the
/// immutability checks sit at their rules' places (SVC-V15, V17, V20) rather than first, as upstream puts them.
/// </remarks>
/// <example>
/// <code>
/// var service = ServiceDefaults.Apply(candidate, stored);
/// var errors = stored is null
///     ? ServiceValidation.ValidateCreate(service, ValidationOptions.Default)
///     : ServiceValidation.ValidateUpdate(service, stored, ValidationOptions.Default);
/// </code>
/// </example>
public static class ServiceValidation
{
    private static readonly FieldPath Spec = FieldPath.Root("spec");
    private static readonly string[] SessionAffinities = [ServicePolicies.ClientIP, ServicePolicies.None];
    private static readonly string[] Types = [ServiceTypes.ClusterIP, ServiceTypes.ExternalName, ServiceTypes.LoadBalancer, ServiceTypes.NodePort];

    /// <summary>Validates a Service being created.</summary>
    public static List<FieldError> ValidateCreate(Service service, ValidationOptions options) => Validate(service, null, options);

    /// <summary>Validates an update of <paramref name="old"/> (the stored Service) to <paramref name="service"/>.</summary>
    public static List<FieldError> ValidateUpdate(Service service, Service old, ValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(old);
        return Validate(service, old, options);
    }

    /// <summary>Validates a status update (SVC-V21): the metadata and <c>status.loadBalancer</c>.</summary>
    public static List<FieldError> ValidateStatusUpdate(Service service, Service old, ValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(old);
        var errors = new List<FieldError>();
        ObjectMetaValidation.Validate(service.Metadata, ObjectKind.Service, options, errors);
        LoadBalancerStatusRules.Validate(service.Status.LoadBalancer, service.Spec, errors);
        return errors;
    }

    private static List<FieldError> Validate(Service service, Service? old, ValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<FieldError>();
        var spec = service.Spec;
        ObjectMetaValidation.Validate(service.Metadata, ObjectKind.Service, options, errors); // SVC-V1
        ValidateTypeShape(spec, errors); // SVC-V2..V4
        ServicePortRules.ValidatePorts(spec, errors); // SVC-V5
        ObjectMetaValidation.ValidateLabels(spec.Selector, Spec.Child("selector"), errors); // SVC-V6
        ValidateSessionAffinity(spec, errors); // SVC-V7
        ServiceClusterIPRules.Validate(spec, errors); // SVC-V8
        ValidateExternalIPs(spec, options, errors); // SVC-V9
        ValidateType(spec, errors); // SVC-V10
        ServicePortRules.ValidateNodePorts(spec, errors); // SVC-V11, V12
        ServiceTrafficRules.Validate(service, old?.Spec, errors); // SVC-V13..V19
        if (old is not null)
        {
            ServiceClusterIPRules.ValidateUpdate(spec, old.Spec, errors); // SVC-V20
        }

        return errors;
    }

    private static void ValidateTypeShape(ServiceSpec spec, List<FieldError> errors)
    {
        var headless = ServiceTypeRules.IsHeadless(spec);
        if (spec.Ports.IsDefaultOrEmpty && !headless && spec.Type != ServiceTypes.ExternalName)
        {
            errors.Add(FieldError.Required(Spec.Child("ports")));
        }

        switch (spec.Type)
        {
            case ServiceTypes.LoadBalancer or ServiceTypes.NodePort when headless:
                errors.Add(FieldError.Invalid(Spec.Child("clusterIPs").Index(0), spec.ClusterIPs[0], $"may not be set to 'None' for {spec.Type} services"));
                break;
            case ServiceTypes.ExternalName:
                const string notForExternalName = "may not be set for ExternalName services";
                if (!spec.ClusterIPs.IsDefaultOrEmpty)
                {
                    errors.Add(FieldError.Forbidden(Spec.Child("clusterIPs"), notForExternalName));
                }

                if (!spec.IpFamilies.IsDefaultOrEmpty)
                {
                    errors.Add(FieldError.Forbidden(Spec.Child("ipFamilies"), notForExternalName));
                }

                if (spec.IpFamilyPolicy is not null)
                {
                    errors.Add(FieldError.Forbidden(Spec.Child("ipFamilyPolicy"), notForExternalName));
                }

                // The name may end with one dot, marking it fully qualified (NAME-6).
                var cname = spec.ExternalName is { } name && name.EndsWith('.') ? name[..^1] : spec.ExternalName ?? "";
                if (cname.Length > 0)
                {
                    FieldRules.Dns1123Subdomain(errors, Spec.Child("externalName"), cname);
                }
                else
                {
                    errors.Add(FieldError.Required(Spec.Child("externalName")));
                }

                break;
        }
    }

    private static void ValidateSessionAffinity(ServiceSpec spec, List<FieldError> errors)
    {
        var path = Spec.Child("sessionAffinity");
        if (spec.SessionAffinity.Length == 0)
        {
            errors.Add(FieldError.Required(path));
        }
        else if (Array.IndexOf(SessionAffinities, spec.SessionAffinity) < 0)
        {
            errors.Add(FieldError.NotSupported(path, spec.SessionAffinity, SessionAffinities));
        }

        var configPath = Spec.Child("sessionAffinityConfig");
        if (spec.SessionAffinity == ServicePolicies.ClientIP)
        {
            // Upstream stops at the first missing level, so only one Required is ever reported.
            const string whenClientIP = "when session affinity type is ClientIP";
            if (spec.SessionAffinityConfig is not { } config)
            {
                errors.Add(FieldError.Required(configPath, whenClientIP));
            }
            else if (config.ClientIP is not { } clientIP)
            {
                errors.Add(FieldError.Required(configPath.Child("clientIP"), whenClientIP));
            }
            else if (clientIP.TimeoutSeconds is not { } timeout)
            {
                errors.Add(FieldError.Required(configPath.Child("clientIP", "timeoutSeconds"), whenClientIP));
            }
            else if (timeout is <= 0 or > 86400)
            {
                errors.Add(FieldError.Invalid(configPath.Child("clientIP", "timeoutSeconds"), timeout, "must be greater than 0 and less than 86400"));
            }
        }
        else if (spec.SessionAffinity == ServicePolicies.None && spec.SessionAffinityConfig is not null)
        {
            errors.Add(FieldError.Forbidden(configPath, "must not be set when session affinity is None"));
        }
    }

    private static void ValidateExternalIPs(ServiceSpec spec, ValidationOptions options, List<FieldError> errors)
    {
        var path = Spec.Child("externalIPs");
        var externalIPs = spec.ExternalIPs.OrEmpty();
        for (var i = 0; i < externalIPs.Length; i++)
        {
            FieldRules.NonSpecialIP(errors, path.Index(i), externalIPs[i], options);
        }
    }

    private static void ValidateType(ServiceSpec spec, List<FieldError> errors)
    {
        var path = Spec.Child("type");
        if (spec.Type.Length == 0)
        {
            errors.Add(FieldError.Required(path));
        }
        else if (Array.IndexOf(Types, spec.Type) < 0)
        {
            errors.Add(FieldError.NotSupported(path, spec.Type, Types));
        }
    }
}
