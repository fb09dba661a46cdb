using RoutingCore.Model;
using RoutingCore.State;

namespace RoutingCore.Discovery;

/// <summary>
/// The EndpointSlices of every Service in one <see cref="ClusterView"/>, found by the <c>kubernetes.io/service-name</c>
/// label (EPS-3) — built once per view so that routing-table compilers look slices up instead of scanning them.
/// </summary>
public sealed class ServiceSliceIndex
{
    private readonly Dictionary<(string Namespace, string Service), List<EndpointSlice>> _slices = [];

    /// <summary>Indexes every EndpointSlice of <paramref name="view"/>.</summary>
    public ServiceSliceIndex(ClusterView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        foreach (var slice in view.List<EndpointSlice>())
        {
            if (slice.Metadata.Labels.TryGetValue(EndpointSlice.ServiceNameLabel, out var service))
            {
                var key = (slice.Metadata.Namespace, service);
                if (!_slices.TryGetValue(key, out var list))
                {
                    _slices[key] = list = [];
                }

                list.Add(slice);
            }
        }
    }

    /// <summary>The slices of Service <paramref name="name"/> in <paramref name="namespace"/> (none when it has none).</summary>
    public IReadOnlyList<EndpointSlice> For(string @namespace, string name) =>
        _slices.TryGetValue((@namespace, name), out var list) ? list : [];
}
