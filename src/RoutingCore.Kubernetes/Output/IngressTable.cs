using k8s.Models;
using RoutingCore.Model;

namespace RoutingCore.Kubernetes.Output;

/// <summary>
/// <c>kubectl get ingresses</c>: <c>NAME CLASS HOSTS ADDRESS PORTS AGE</c>. HOSTS lists the rules' hosts (<c>*</c> when
/// none has one); ADDRESS is the status addresses (empty while none); PORTS is <c>80</c>, or <c>80, 443</c> with TLS.
/// </summary>
internal sealed class IngressTable : TableFormat<V1Ingress>
{
    public override ObjectKind Kind => ObjectKind.Ingress;

    public override string[] Headers(bool wide) => ["NAME", "CLASS", "HOSTS", "ADDRESS", "PORTS", "AGE"];

    protected override string[] Row(V1Ingress obj, bool wide, TableClock clock)
    {
        var spec = obj.Spec ?? new V1IngressSpec();
        var address = ServiceTable.LoadBalancerAddresses((obj.Status?.LoadBalancer?.Ingress ?? []).Select(i => ((string?)i.Ip, (string?)i.Hostname)), wide);
        return [obj.Metadata.Name, spec.IngressClassName ?? "<none>", Hosts(spec.Rules ?? []), address, spec.Tls is { Count: > 0 } ? "80, 443" : "80", clock.Since(obj.Metadata.CreationTimestamp)];
    }

    /// <summary>kubectl's formatHosts: the "+ N more" count is of all rules past the third, hostless ones included.</summary>
    private static string Hosts(IList<V1IngressRule> rules)
    {
        var hosts = new List<string>();
        var more = false;
        foreach (var rule in rules)
        {
            if (hosts.Count == ListText.Max)
            {
                more = true;
            }

            if (!more && !string.IsNullOrEmpty(rule.Host))
            {
                hosts.Add(rule.Host);
            }
        }

        if (hosts.Count == 0)
        {
            return "*";
        }

        var text = string.Join(",", hosts);
        return more ? $"{text} + {rules.Count - ListText.Max} more..." : text;
    }
}
