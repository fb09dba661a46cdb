using RoutingCore.Allocation;
using RoutingCore.Discovery;

namespace RoutingCore.State;

/// <summary>The controllers every store runs (M-2), in the order they react to a change.</summary>
internal static class BuiltInControllers
{
    public static IEnumerable<IClusterController> Create(ClusterState state)
    {
        var options = state.Options;
        if (options.PodCidr is { } podCidr)
        {
            yield return new PodNetworkController(podCidr);
        }

        yield return new LoadBalancerController(options.LoadBalancerPools, options.LoadBalancerClass);
        yield return new EndpointSliceController(options.MaxEndpointsPerSlice);
        if (options.LegacyEndpoints)
        {
            yield return new EndpointsController();
        }
    }
}
