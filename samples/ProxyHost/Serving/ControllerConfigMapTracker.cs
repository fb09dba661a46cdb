using RoutingCore.AspNetCore.Hosting;
using RoutingCore.Model;
using RoutingCore.ProxyHost.DemoPods;
using RoutingCore.State;

namespace RoutingCore.ProxyHost.Serving;

/// <summary>
/// Makes the host's proxy apply the ConfigMap its ingress-nginx controller pods name (<c>--configmap=NS/NAME</c>), as
/// the controller itself would: the first running controller pod by namespace and name decides, and the choice follows
/// the manifests as they are edited. Not used when <c>--controller-configmap</c> names the ConfigMap explicitly.
/// </summary>
internal sealed class ControllerConfigMapTracker(RoutingCoreProxy proxy, TextWriter output) : IClusterController
{
    private (string? Namespace, string? Name) _current;

    public void Reconcile(ClusterState state, IReadOnlyList<WatchEvent> changes)
    {
        if (!changes.Any(c => c.Object is Pod))
        {
            return;
        }

        var controller = state.List<Pod>()
            .Where(p => !p.IsTerminating && !p.IsTerminal)
            .OrderBy(p => p.Metadata.Namespace, StringComparer.Ordinal).ThenBy(p => p.Metadata.Name, StringComparer.Ordinal)
            .Select(p => IngressControllerPod.ControllerContainer(p) is { } container ? IngressControllerPod.Read(p, container) : null)
            .FirstOrDefault(c => c is not null);
        var wanted = (controller?.ConfigMapNamespace, controller?.ConfigMapName);
        if (wanted == _current)
        {
            return;
        }

        _current = wanted;
        proxy.UseControllerConfigMap(wanted.ConfigMapNamespace ?? "", wanted.ConfigMapName);
        output.WriteLine(controller is null
            ? "ingress controller: no ingress-nginx controller pod left; no controller ConfigMap applies"
            : controller.ConfigMapName is null
                ? $"ingress controller {controller.Namespace}/{controller.Name}: no --configmap flag; default settings"
                : $"ingress controller {controller.Namespace}/{controller.Name}: settings from ConfigMap {controller.ConfigMapNamespace}/{controller.ConfigMapName}");
    }
}
