using System.Net;
using RoutingCore.Model;
using RoutingCore.State;
using RoutingCore.Validation;

namespace RoutingCore.Allocation;

/// <summary>
/// Gives pods their IPs from the pod CIDR, as a CNI plugin would: a non-terminal pod without <c>status.podIP</c>
/// gets the lowest free address; a pod whose manifest states an address inside the CIDR holds it; a deleted pod's
/// address is free again.
/// </summary>
internal sealed class PodNetworkController : IClusterController
{
    private readonly PodIPAllocator _allocator;
    private readonly Dictionary<(string Namespace, string Name), IPAddress> _held = [];

    public PodNetworkController(string podCidr)
    {
        _allocator = new PodIPAllocator(podCidr);
    }

    public void Reconcile(ClusterState state, IReadOnlyList<WatchEvent> changes)
    {
        var touched = new SortedSet<(string, string)>();
        foreach (var change in changes)
        {
            if (change.Object is Pod pod)
            {
                touched.Add((pod.Metadata.Namespace, pod.Metadata.Name));
            }
        }

        // Releases first, so that addresses freed in this round can be reused by pods created in it.
        foreach (var key in touched)
        {
            if (state.Get<Pod>(key.Item1, key.Item2) is null && _held.Remove(key, out var address))
            {
                _allocator.Release(address);
            }
        }

        foreach (var key in touched)
        {
            if (state.Get<Pod>(key.Item1, key.Item2) is { } pod)
            {
                SyncPod(state, pod, key);
            }
        }
    }

    private void SyncPod(ClusterState state, Pod pod, (string, string) key)
    {
        var held = _held.GetValueOrDefault(key);
        if (IPRules.TryParse(pod.Status.PodIP ?? "", out var stated))
        {
            if (held is not null && held.Equals(stated))
            {
                return;
            }

            if (held is not null)
            {
                _allocator.Release(held);
                _held.Remove(key);
            }

            if (_allocator.Contains(stated))
            {
                var result = _allocator.Allocate(stated);
                if (result.IsSuccess)
                {
                    _held[key] = stated;
                }
                else
                {
                    state.ReportWarning(new ClusterWarning(ObjectKey.Of(pod), "PodIPConflict", $"pod {key.Item1}/{key.Item2} states IP {stated}: {result.Message}"));
                }
            }

            return;
        }

        if (pod.IsTerminal)
        {
            return;
        }

        var allocated = _allocator.Allocate();
        if (!allocated.IsSuccess)
        {
            state.ReportWarning(new ClusterWarning(ObjectKey.Of(pod), "FailedCreatePodSandBox", $"no pod IP for {key.Item1}/{key.Item2}: {allocated.Message}"));
            return;
        }

        var ip = allocated.Value!;
        _held[key] = ip;
        state.UpdateStatus(pod with { Status = pod.Status with { PodIP = ip.ToString(), PodIPs = [ip.ToString()] } });
    }
}
