using System.Globalization;
using RoutingCore.Model;

namespace RoutingCore.ProxyHost.DemoPods;

/// <summary>
/// What the sample host reads from an ingress-nginx controller pod. The host is the controller, so it does not run the
/// image; it takes the controller's flags instead — <c>--configmap=NAMESPACE/NAME</c> (whose settings the host's proxy
/// applies) and the ports the controller would listen on (<c>--http-port</c> 80, <c>--https-port</c> 443,
/// <c>--healthz-port</c> 10254 by default) — with <c>$(VAR)</c> in the command and args expanded from the container's
/// environment, as the kubelet does (the walkthrough writes <c>--configmap=$(POD_NAMESPACE)/nginx-configuration</c>).
/// </summary>
internal sealed record IngressControllerPod(string Namespace, string Name, string? ConfigMapNamespace, string? ConfigMapName, int HttpPort, int HttpsPort, int HealthPort)
{
    /// <summary>The controller container of <paramref name="pod"/>, if it runs the ingress-nginx controller image.</summary>
    public static Container? ControllerContainer(Pod pod) =>
        pod.Spec.Containers.FirstOrDefault(c => DemoImage.Classify(c.Image) == DemoImageKind.IngressController);

    /// <summary>Reads the controller flags of <paramref name="container"/> in <paramref name="pod"/>.</summary>
    public static IngressControllerPod Read(Pod pod, Container container)
    {
        var env = PodEnvironment.For(pod, container);
        var flags = Flags([.. container.Command.Select(a => PodEnvironment.Expand(a, env)), .. container.Args.Select(a => PodEnvironment.Expand(a, env))]);
        string? configMapNamespace = null, configMapName = null;
        if (flags.TryGetValue("configmap", out var reference) && reference.Length > 0)
        {
            // ingress-nginx wants NAMESPACE/NAME; a bare name is taken in the pod's own namespace.
            var slash = reference.IndexOf('/', StringComparison.Ordinal);
            (configMapNamespace, configMapName) = slash < 0 ? (pod.Metadata.Namespace, reference) : (reference[..slash], reference[(slash + 1)..]);
        }

        return new IngressControllerPod(pod.Metadata.Namespace, pod.Metadata.Name, configMapNamespace, configMapName,
            Port(flags, "http-port", 80), Port(flags, "https-port", 443), Port(flags, "healthz-port", 10254));
    }

    /// <summary><c>--name=value</c> and <c>--name value</c> flags; later ones win, as with Go's flag package.</summary>
    private static Dictionary<string, string> Flags(IReadOnlyList<string> arguments)
    {
        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            if (!argument.StartsWith('-'))
            {
                continue;
            }

            var name = argument.TrimStart('-');
            var equals = name.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                flags[name[..equals]] = name[(equals + 1)..];
            }
            else if (i + 1 < arguments.Count && !arguments[i + 1].StartsWith('-'))
            {
                flags[name] = arguments[++i];
            }
            else
            {
                flags[name] = "true";
            }
        }

        return flags;
    }

    private static int Port(Dictionary<string, string> flags, string name, int fallback) =>
        flags.TryGetValue(name, out var text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535
            ? port
            : fallback;
}
