using RoutingCore.Model;

namespace RoutingCore.Validation;

/// <summary>
/// Validation of networking.k8s.io/v1 Ingress objects (ING-V1..V15), as kube-apiserver's <c>ValidateIngressCreate</c>,
/// <c>ValidateIngressUpdate</c> and <c>ValidateIngressStatusUpdate</c>: every problem is collected, in upstream's order
/// (metadata; spec: rules-or-backend, <c>defaultBackend</c>, <c>rules</c>, <c>tls</c>, <c>ingressClassName</c>; then the
/// create-only class annotation check), with upstream's messages byte for byte.
/// </summary>
/// <remarks>
/// The one ordering point where the spec's rule numbering and upstream differ: <c>spec.defaultBackend</c> (ING-V8/V9) is
/// checked right after ING-V2 and before <c>spec.rules</c>, because that is the order kube-apiserver reports them in.
/// </remarks>
public static class IngressValidation
{
    private static readonly FieldPath Spec = FieldPath.Root("spec");

    /// <summary>Validates an Ingress being created. An empty list means valid.</summary>
    /// <param name="ingress">The Ingress, after defaulting and admission.</param>
    /// <param name="options">Validation switches.</param>
    public static List<FieldError> ValidateCreate(Ingress ingress, ValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(ingress);
        ArgumentNullException.ThrowIfNull(options);
        var errors = Validate(ingress, new IngressRuleSwitches(false, false, options.RelaxedServiceNames), options);

        // ING-V13: create only, so that Ingresses stored before the field existed stay updatable.
        if (ingress.Metadata.Annotations.TryGetValue(Ingress.ClassAnnotation, out var annotation)
            && ingress.Spec.IngressClassName is { } className && annotation != className)
        {
            errors.Add(FieldError.Invalid(FieldPath.Root("annotations").Child(Ingress.ClassAnnotation), annotation, "must match `ingressClassName` when both are specified"));
        }

        return errors;
    }

    /// <summary>
    /// Validates an update of <paramref name="old"/> to <paramref name="ingress"/> (ING-V14): the create checks except ING-V13,
    /// tolerating an invalid <c>tls[].secretName</c> or invalid paths under a wildcard host when the stored object already had one,
    /// and relaxed Service names when the stored object already used one.
    /// </summary>
    /// <param name="ingress">The new Ingress.</param>
    /// <param name="old">The stored Ingress.</param>
    /// <param name="options">Validation switches.</param>
    public static List<FieldError> ValidateUpdate(Ingress ingress, Ingress old, ValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(ingress);
        ArgumentNullException.ThrowIfNull(old);
        ArgumentNullException.ThrowIfNull(options);
        var switches = new IngressRuleSwitches(
            AllowInvalidSecretName: HasInvalidSecretName(old),
            AllowInvalidWildcardHostRule: HasInvalidWildcardHostRule(old),
            RelaxedServiceNames: options.RelaxedServiceNames || UsesRelaxedServiceName(old));
        return Validate(ingress, switches, options);
    }

    /// <summary>
    /// Validates a status update (ING-V15): labels and annotations, then each <c>status.loadBalancer.ingress[i]</c>.
    /// An <c>ip</c> already present in the stored status is accepted as it is.
    /// </summary>
    /// <param name="ingress">The Ingress with its new status.</param>
    /// <param name="old">The stored Ingress.</param>
    /// <param name="options">Validation switches.</param>
    public static List<FieldError> ValidateStatusUpdate(Ingress ingress, Ingress old, ValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(ingress);
        ArgumentNullException.ThrowIfNull(old);
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<FieldError>();
        var metadata = FieldPath.Root("metadata");
        ObjectMetaValidation.ValidateLabels(ingress.Metadata.Labels, metadata.Child("labels"), errors);
        ObjectMetaValidation.ValidateAnnotations(ingress.Metadata.Annotations, metadata.Child("annotations"), errors);

        var oldIPs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in old.Status.LoadBalancer.Ingress)
        {
            if (!string.IsNullOrEmpty(entry.Ip))
            {
                oldIPs.Add(entry.Ip);
            }
        }

        var entries = ingress.Status.LoadBalancer.Ingress;
        for (var i = 0; i < entries.Length; i++)
        {
            var path = FieldPath.Root("status").Child("loadBalancer", "ingress").Index(i);
            if (entries[i].Ip is { Length: > 0 } ip && !oldIPs.Contains(ip) && !SloppyIP.IsIP(ip))
            {
                errors.Add(FieldError.Invalid(path.Child("ip"), ip, NameRules.IPMessage));
            }

            if (entries[i].Hostname is { Length: > 0 } hostname)
            {
                errors.AddInvalid(path.Child("hostname"), hostname, NameRules.Dns1123Subdomain(hostname));
                if (SloppyIP.IsIP(hostname))
                {
                    errors.Add(FieldError.Invalid(path.Child("hostname"), hostname, "must be a DNS name, not an IP address"));
                }
            }
        }

        return errors;
    }

    private static List<FieldError> Validate(Ingress ingress, IngressRuleSwitches switches, ValidationOptions options)
    {
        var errors = new List<FieldError>();
        ObjectMetaValidation.Validate(ingress.Metadata, ObjectKind.Ingress, options, errors);
        var spec = ingress.Spec;
        if (spec.Rules.IsEmpty && spec.DefaultBackend is null)
        {
            errors.Add(FieldError.Invalid(Spec, null, "either `defaultBackend` or `rules` must be specified"));
        }

        if (spec.DefaultBackend is not null)
        {
            IngressBackendValidation.Validate(spec.DefaultBackend, Spec.Child("defaultBackend"), switches.RelaxedServiceNames, errors);
        }

        for (var i = 0; i < spec.Rules.Length; i++)
        {
            ValidateRule(spec.Rules[i], Spec.Child("rules").Index(i), switches, errors);
        }

        ValidateTls(spec, switches, errors);
        if (spec.IngressClassName is { } className)
        {
            errors.AddInvalid(Spec.Child("ingressClassName"), className, NameRules.Dns1123Subdomain(className));
        }

        return errors;
    }

    private static void ValidateRule(IngressRule rule, FieldPath path, IngressRuleSwitches switches, List<FieldError> errors)
    {
        var wildcard = false;
        if (rule.Host is { Length: > 0 } host)
        {
            var hostPath = path.Child("host");
            if (SloppyIP.IsIP(host))
            {
                errors.Add(FieldError.Invalid(hostPath, host, "must be a DNS name, not an IP address"));
            }

            wildcard = host.Contains('*', StringComparison.Ordinal);
            errors.AddInvalid(hostPath, host, wildcard ? NameRules.WildcardDns1123Subdomain(host) : NameRules.Dns1123Subdomain(host));
        }

        if (!wildcard || !switches.AllowInvalidWildcardHostRule)
        {
            ValidateRuleValue(rule, path, switches.RelaxedServiceNames, errors);
        }
    }

    private static void ValidateRuleValue(IngressRule rule, FieldPath path, bool relaxedServiceNames, List<FieldError> errors)
    {
        if (rule.Http is null)
        {
            return;
        }

        var paths = rule.Http.Paths;
        if (paths.IsEmpty)
        {
            errors.Add(FieldError.Required(path.Child("http", "paths")));
        }

        for (var j = 0; j < paths.Length; j++)
        {
            IngressPathValidation.Validate(paths[j], path.Child("http", "paths").Index(j), relaxedServiceNames, errors);
        }
    }

    private static void ValidateTls(IngressSpec spec, IngressRuleSwitches switches, List<FieldError> errors)
    {
        for (var i = 0; i < spec.Tls.Length; i++)
        {
            var tls = spec.Tls[i];
            var path = Spec.Child("tls").Index(i);
            for (var j = 0; j < tls.Hosts.Length; j++)
            {
                var host = tls.Hosts[j];
                var messages = host.Contains('*', StringComparison.Ordinal) ? NameRules.WildcardDns1123Subdomain(host) : NameRules.Dns1123Subdomain(host);
                errors.AddInvalid(path.Child("hosts").Index(j), host, messages);
            }

            if (!switches.AllowInvalidSecretName && tls.SecretName is { Length: > 0 } secretName)
            {
                errors.AddInvalid(path.Child("secretName"), secretName, NameRules.Dns1123Subdomain(secretName));
            }
        }
    }

    private static bool HasInvalidSecretName(Ingress old)
    {
        foreach (var tls in old.Spec.Tls)
        {
            if (tls.SecretName is { Length: > 0 } name && NameRules.Dns1123Subdomain(name).Count > 0)
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasInvalidWildcardHostRule(Ingress old)
    {
        foreach (var rule in old.Spec.Rules)
        {
            if (rule.Host is { } host && host.Contains('*', StringComparison.Ordinal))
            {
                // As upstream, the stored rule is judged with the strict (non-relaxed) Service name rule.
                var ruleErrors = new List<FieldError>();
                ValidateRuleValue(rule, FieldPath.Empty, relaxedServiceNames: false, ruleErrors);
                if (ruleErrors.Count > 0)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>True when the stored Ingress names a Service that is a DNS-1123 label but not a DNS-1035 label.</summary>
    private static bool UsesRelaxedServiceName(Ingress old)
    {
        static bool IsRelaxedOnly(IngressBackend? backend) =>
            backend?.Service is { } service && NameRules.Dns1123Label(service.Name).Count == 0 && NameRules.Dns1035Label(service.Name).Count > 0;

        if (IsRelaxedOnly(old.Spec.DefaultBackend))
        {
            return true;
        }

        foreach (var rule in old.Spec.Rules)
        {
            foreach (var path in rule.Http?.Paths ?? [])
            {
                if (IsRelaxedOnly(path.Backend))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The per-request tolerances upstream derives from the stored object (ING-V14).</summary>
    private readonly record struct IngressRuleSwitches(bool AllowInvalidSecretName, bool AllowInvalidWildcardHostRule, bool RelaxedServiceNames);
}
