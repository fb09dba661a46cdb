using RoutingCore.Model;

namespace RoutingCore.State;

/// <summary>What a new store holds before anyone writes (NS-3, IPA-3).</summary>
internal static class Bootstrap
{
    /// <summary>The namespaces every cluster starts with (NS-3).</summary>
    public static readonly string[] Namespaces = ["default", "kube-system", "kube-public", "kube-node-lease"];

    public static void Run(ClusterState state)
    {
        foreach (var name in Namespaces)
        {
            state.Create(new Namespace { Metadata = new ObjectMeta { Name = name } });
        }

        if (state.Options.BootstrapKubernetesService)
        {
            // IPA-3: the API server's Service holds the first address of the service CIDR.
            state.Create(new Service
            {
                Metadata = new ObjectMeta { Name = "kubernetes", Namespace = "default", Labels = Labels.Of(("component", "apiserver"), ("provider", "kubernetes")) },
                Spec = new ServiceSpec
                {
                    ClusterIP = state.Allocations.KubernetesServiceAddress,
                    Ports = [new ServicePort { Name = "https", Port = 443, Protocol = "TCP", TargetPort = 6443 }],
                },
            });
        }
    }
}
