using RoutingCore.Model;

namespace RoutingCore.Validation;

/// <summary>SVC-V21: <c>status.loadBalancer</c> of a Service, as upstream's <c>ValidateLoadBalancerStatus</c>.</summary>
internal static class LoadBalancerStatusRules
{
    private static readonly FieldPath Ingress = FieldPath.Root("status").Child("loadBalancer", "ingress");
    private static readonly string[] IPModes = ["Proxy", ServiceDefaults.VipMode];

    /// <summary>
    /// Entries are only allowed on a LoadBalancer Service; when they are not, that one error is reported and the
    /// entries themselves are not inspected.
    /// </summary>
    public static void Validate(LoadBalancerStatus status, ServiceSpec spec, List<FieldError> errors)
    {
        var ingress = status.Ingress.OrEmpty();
        if (spec.Type != ServiceTypes.LoadBalancer && !ingress.IsEmpty)
        {
            errors.Add(FieldError.Forbidden(Ingress, "may only be used when `spec.type` is 'LoadBalancer'"));
            return;
        }

        for (var i = 0; i < ingress.Length; i++)
        {
            var entry = ingress[i];
            var path = Ingress.Index(i);
            var hasIP = !string.IsNullOrEmpty(entry.Ip);
            if (hasIP)
            {
                FieldRules.IP(errors, path.Child("ip"), entry.Ip!);
            }

            if (entry.IpMode is not { } mode)
            {
                if (hasIP)
                {
                    errors.Add(FieldError.Required(path.Child("ipMode"), "must be specified when `ip` is set"));
                }
            }
            else if (!hasIP)
            {
                errors.Add(FieldError.Forbidden(path.Child("ipMode"), "may not be specified when `ip` is not set"));
            }
            else if (Array.IndexOf(IPModes, mode) < 0)
            {
                errors.Add(FieldError.NotSupported(path.Child("ipMode"), mode, IPModes));
            }

            if (!string.IsNullOrEmpty(entry.Hostname))
            {
                FieldRules.Dns1123Subdomain(errors, path.Child("hostname"), entry.Hostname);
                if (IPRules.IsIP(entry.Hostname))
                {
                    errors.Add(FieldError.Invalid(path.Child("hostname"), entry.Hostname, "must be a DNS name, not an IP address"));
                }
            }
        }
    }
}
