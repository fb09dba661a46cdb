using RoutingCore.Model;

namespace RoutingCore.ProxyHost.DemoPods;

/// <summary>A container's environment as the kubelet would set it: literal values and the supported fieldRefs.</summary>
internal static class PodEnvironment
{
    public static Dictionary<string, string> For(Pod pod, Container container)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var variable in container.Env)
        {
            var value = variable.ValueFrom?.FieldRef?.FieldPath switch
            {
                "metadata.name" => pod.Metadata.Name,
                "metadata.namespace" => pod.Metadata.Namespace,
                "status.podIP" => pod.Status.PodIP ?? "",
                null => variable.Value ?? "",
                _ => "",
            };
            env[variable.Name] = value;
        }

        return env;
    }
}
