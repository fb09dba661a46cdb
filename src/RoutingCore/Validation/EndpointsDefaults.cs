using RoutingCore.Model;

namespace RoutingCore.Validation;

/// <summary>Legacy Endpoints defaulting (EP-1): a port's protocol defaults to TCP. Runs before <see cref="EndpointsValidation"/>.</summary>
public static class EndpointsDefaults
{
    /// <summary>Returns <paramref name="endpoints"/> with every subset port's empty protocol set to TCP.</summary>
    public static Endpoints Apply(Endpoints endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints with
        {
            Subsets =
            [
                .. endpoints.Subsets.OrEmpty().Select(subset => subset with
                {
                    Ports = [.. subset.Ports.OrEmpty().Select(p => string.IsNullOrEmpty(p.Protocol) ? p with { Protocol = "TCP" } : p)],
                }),
            ],
        };
    }
}
