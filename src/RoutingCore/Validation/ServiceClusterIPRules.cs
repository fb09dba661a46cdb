using RoutingCore.Model;

namespace RoutingCore.Validation;

/// <summary>
/// The cluster IP rules: <c>clusterIP</c>/<c>clusterIPs</c>/<c>ipFamilies</c>/<c>ipFamilyPolicy</c> on every write
/// (SVC-V8, upstream's <c>ValidateServiceClusterIPsRelatedFields</c>) and their immutability on update (SVC-V20,
/// upstream's <c>validateUpgradeDowngradeClusterIPs</c>).
/// </summary>
/// <remarks>
/// The subtle point of SVC-V8: once one entry of <c>clusterIPs</c> is not an IP (or <c>None</c> is misplaced), the
/// dual-stack and family checks are skipped, because they would only repeat that one mistake in other words.
/// </remarks>
internal static class ServiceClusterIPRules
{
    private static readonly FieldPath Spec = FieldPath.Root("spec");
    private static readonly FieldPath ClusterIPs = Spec.Child("clusterIPs");
    private static readonly string[] Families = ["IPv4", "IPv6"];
    private static readonly string[] FamilyPolicies = ["PreferDualStack", "RequireDualStack", ServiceDefaults.SingleStack];

    /// <summary>SVC-V8; not checked for ExternalName, whose fields SVC-V4 requires to be empty.</summary>
    public static void Validate(ServiceSpec spec, List<FieldError> errors)
    {
        if (spec.Type == ServiceTypes.ExternalName)
        {
            return;
        }

        var clusterIPs = spec.ClusterIPs.OrEmpty();
        string[] shown = [.. clusterIPs];
        if (spec.ClusterIP.Length > 0)
        {
            if (clusterIPs.IsEmpty)
            {
                errors.Add(FieldError.Required(ClusterIPs));
            }
            else if (clusterIPs[0] != spec.ClusterIP)
            {
                errors.Add(FieldError.Invalid(ClusterIPs, shown, "first value must match `clusterIP`"));
            }
        }
        else if (!clusterIPs.IsEmpty)
        {
            errors.Add(FieldError.Invalid(ClusterIPs, shown, "must be empty when `clusterIP` is not specified"));
        }

        var families = spec.IpFamilies.OrEmpty();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < families.Length; i++)
        {
            if (Array.IndexOf(Families, families[i]) < 0)
            {
                errors.Add(FieldError.NotSupported(Spec.Child("ipFamilies").Index(i), families[i], Families));
            }

            if (!seen.Add(families[i]))
            {
                errors.Add(FieldError.Duplicate(Spec.Child("ipFamilies").Index(i), families[i]));
            }
        }

        if (spec.IpFamilyPolicy is { } policy && Array.IndexOf(FamilyPolicies, policy) < 0)
        {
            errors.Add(FieldError.NotSupported(Spec.Child("ipFamilyPolicy"), policy, FamilyPolicies));
        }

        var hasInvalidIPs = false;
        for (var i = 0; i < clusterIPs.Length; i++)
        {
            if (i == 0 && clusterIPs[i] == ServicePolicies.None)
            {
                if (clusterIPs.Length > 1)
                {
                    hasInvalidIPs = true;
                    errors.Add(FieldError.Invalid(ClusterIPs, shown, "'None' must be the first and only value"));
                }

                continue;
            }

            hasInvalidIPs |= !FieldRules.IP(errors, ClusterIPs.Index(i), clusterIPs[i]);
        }

        if (clusterIPs.Length > 2)
        {
            errors.Add(FieldError.Invalid(ClusterIPs, shown, "may only hold up to 2 values"));
        }

        if (hasInvalidIPs)
        {
            return;
        }

        if (clusterIPs.Length > 1 && !(clusterIPs.Any(ip => FieldRules.Family(ip) == "IPv4") && clusterIPs.Any(ip => FieldRules.Family(ip) == "IPv6")))
        {
            errors.Add(FieldError.Invalid(ClusterIPs, shown, "may specify no more than one IP for each IP family"));
        }

        if (!ServiceTypeRules.IsHeadless(spec))
        {
            for (var i = 0; i < clusterIPs.Length && i < families.Length; i++)
            {
                var isIPv6 = FieldRules.Family(clusterIPs[i]) == "IPv6";
                if ((families[i] == "IPv4" && isIPv6) || (families[i] == "IPv6" && !isIPv6))
                {
                    var expected = families[i];
                    errors.Add(FieldError.Invalid(ClusterIPs.Index(i), clusterIPs[i], $"expected an {expected} value as indicated by `ipFamilies[{i}]`"));
                }
            }
        }
    }

    /// <summary>
    /// SVC-V20: a set cluster IP may not change, except on a change to or from ExternalName or between two headless
    /// specs. Dropping the secondary IP (a dual-stack downgrade) is allowed only with <c>ipFamilyPolicy: SingleStack</c>.
    /// </summary>
    public static void ValidateUpdate(ServiceSpec spec, ServiceSpec old, List<FieldError> errors)
    {
        if (spec.Type == ServiceTypes.ExternalName || old.Type == ServiceTypes.ExternalName
            || (ServiceTypeRules.IsHeadless(spec) && ServiceTypeRules.IsHeadless(old)))
        {
            return;
        }

        const string mayNotChange = "may not change once set";
        var clusterIPs = spec.ClusterIPs.OrEmpty();
        var oldClusterIPs = old.ClusterIPs.OrEmpty();
        string[] shown = [.. clusterIPs];
        if (oldClusterIPs.Length == clusterIPs.Length)
        {
            for (var i = 0; i < oldClusterIPs.Length; i++)
            {
                if (oldClusterIPs[i] != clusterIPs[i])
                {
                    errors.Add(FieldError.Invalid(ClusterIPs.Index(i), shown, mayNotChange));
                }
            }
        }
        else if (oldClusterIPs.Length > clusterIPs.Length)
        {
            if (clusterIPs.IsEmpty)
            {
                errors.Add(FieldError.Invalid(ClusterIPs.Index(0), shown, "primary clusterIP can not be unset"));
            }
            else if (clusterIPs[0] != oldClusterIPs[0])
            {
                errors.Add(FieldError.Invalid(ClusterIPs.Index(0), shown, mayNotChange));
            }

            if (clusterIPs.Length == 1 && spec.IpFamilyPolicy != ServiceDefaults.SingleStack)
            {
                errors.Add(FieldError.Invalid(Spec.Child("ipFamilyPolicy"), spec.IpFamilyPolicy, "must be set to 'SingleStack' when releasing the secondary clusterIP"));
            }
        }
        else if (!oldClusterIPs.IsEmpty && clusterIPs[0] != oldClusterIPs[0])
        {
            errors.Add(FieldError.Invalid(ClusterIPs.Index(0), shown, mayNotChange));
        }
    }
}
