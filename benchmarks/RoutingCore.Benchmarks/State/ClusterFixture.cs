using RoutingCore.Model;
using RoutingCore.State;
using RoutingCore.Validation;

namespace RoutingCore.Benchmarks.State;

/// <summary>Builds the benchmark cluster: Services each selecting their own set of ready pods.</summary>
internal static class ClusterFixture
{
    public static ClusterState NewState(bool legacyEndpoints = false) => new(new ClusterStateOptions
    {
        LegacyEndpoints = legacyEndpoints,
        RandomSeed = 1,
        ServiceCidr = "127.16.0.0/12",
        PodCidr = null,
        Validation = new ValidationOptions { AllowLoopbackAddresses = true },
    });

    public static List<KubeObject> Objects(int services, int podsPerService)
    {
        var objects = new List<KubeObject>(services * (podsPerService + 1));
        for (var s = 0; s < services; s++)
        {
            var app = $"app-{s}";
            objects.Add(new Service
            {
                Metadata = new ObjectMeta { Name = $"svc-{s}" },
                Spec = new ServiceSpec
                {
                    Selector = Labels.Of(("app", app)),
                    Ports = [new ServicePort { Name = "http", Port = 80, TargetPort = "http" }],
                },
            });
            for (var p = 0; p < podsPerService; p++)
            {
                objects.Add(Pod(s, p, ready: true));
            }
        }

        return objects;
    }

    public static Pod Pod(int service, int index, bool ready)
    {
        var n = (service * 1000) + index;
        var ip = $"127.{64 + (n >> 16)}.{(n >> 8) & 255}.{n & 255}";
        return new Pod
        {
            Metadata = new ObjectMeta { Name = $"pod-{service}-{index}", Labels = Labels.Of(("app", $"app-{service}")) },
            Spec = new PodSpec { Containers = [new Container { Name = "main", Image = "echoserver", Ports = [new ContainerPort { Name = "http", ContainerPortNumber = 8080 }] }] },
            Status = new PodStatus
            {
                Phase = PodPhases.Running,
                PodIP = ip,
                PodIPs = [ip],
                Conditions = [new PodCondition(PodConditionTypes.Ready, ready ? ConditionStatus.True : ConditionStatus.False)],
            },
        };
    }
}
