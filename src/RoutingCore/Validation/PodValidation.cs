using RoutingCore.Model;

namespace RoutingCore.Validation;

/// <summary>
/// Pod validation for the fields RoutingCore uses (POD-1, POD-2): metadata, containers and init containers (names,
/// ports, env, readiness probe), node name, hostname and subdomain; and, on status updates, the phase and IPs.
/// Run after <see cref="PodDefaults.Apply"/>. Messages are kube-apiserver's.
/// </summary>
/// <remarks>
/// Port names must be unique across the whole pod (POD-2), not only within a container as upstream checks, because a
/// Service's named targetPort resolves by searching every container (EPS-C5). Upstream's rule that a pod spec is
/// almost immutable after create is not enforced: RoutingCore's pods are simulations that tests and hosts edit.
/// </remarks>
public static class PodValidation
{
    private static readonly FieldPath Spec = FieldPath.Root("spec");
    private static readonly FieldPath Status = FieldPath.Root("status");
    private static readonly string[] Phases = [PodPhases.Failed, PodPhases.Pending, PodPhases.Running, PodPhases.Succeeded, PodPhases.Unknown];
    private static readonly string[] InitRestartPolicies = ["Always"];

    /// <summary>Validates a pod being created.</summary>
    public static List<FieldError> ValidateCreate(Pod pod, ValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var errors = new List<FieldError>();
        ObjectMetaValidation.Validate(pod.Metadata, ObjectKind.Pod, options, errors);
        ValidateSpec(pod.Spec, errors);
        return errors;
    }

    /// <summary>Validates an update of <paramref name="old"/> to <paramref name="pod"/>: the new pod as on create.</summary>
    public static List<FieldError> ValidateUpdate(Pod pod, Pod old, ValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(old);
        return ValidateCreate(pod, options);
    }

    /// <summary>Validates a status update: metadata, a supported phase, valid pod and host IPs.</summary>
    public static List<FieldError> ValidateStatusUpdate(Pod pod, Pod old, ValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(old);
        var errors = new List<FieldError>();
        ObjectMetaValidation.Validate(pod.Metadata, ObjectKind.Pod, options, errors);
        var status = pod.Status;
        if (status.Phase.Length > 0 && Array.IndexOf(Phases, status.Phase) < 0)
        {
            errors.Add(FieldError.NotSupported(Status.Child("phase"), status.Phase, Phases));
        }

        if (!string.IsNullOrEmpty(status.PodIP))
        {
            FieldRules.IP(errors, Status.Child("podIP"), status.PodIP);
        }

        ValidatePodIPs(status.PodIPs.OrEmpty(), errors);
        if (!string.IsNullOrEmpty(status.HostIP))
        {
            FieldRules.IP(errors, Status.Child("hostIP"), status.HostIP);
        }

        return errors;
    }

    private static void ValidateSpec(PodSpec spec, List<FieldError> errors)
    {
        var containers = spec.Containers.OrEmpty();
        var containersPath = Spec.Child("containers");
        if (containers.IsEmpty)
        {
            errors.Add(FieldError.Required(containersPath));
        }

        var portNames = new HashSet<string>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < containers.Length; i++)
        {
            var container = containers[i];
            var path = containersPath.Index(i);
            ContainerRules.ValidateCommon(container, path, portNames, errors);
            if (!names.Add(container.Name))
            {
                errors.Add(FieldError.Duplicate(path.Child("name"), container.Name));
            }

            if (container.ReadinessProbe is { } probe)
            {
                ContainerRules.ValidateReadinessProbe(probe, path.Child("readinessProbe"), errors);
            }

            if (container.RestartPolicy is not null)
            {
                errors.Add(FieldError.Forbidden(path.Child("restartPolicy"), "may not be set for non-init containers"));
            }
        }

        ValidateInitContainers(spec.InitContainers.OrEmpty(), names, portNames, errors);
        if (!string.IsNullOrEmpty(spec.NodeName))
        {
            FieldRules.Dns1123Subdomain(errors, Spec.Child("nodeName"), spec.NodeName);
        }

        if (!string.IsNullOrEmpty(spec.Hostname))
        {
            FieldRules.Dns1123Label(errors, Spec.Child("hostname"), spec.Hostname);
        }

        if (!string.IsNullOrEmpty(spec.Subdomain))
        {
            FieldRules.Dns1123Label(errors, Spec.Child("subdomain"), spec.Subdomain);
        }
    }

    // Init container names must differ from every container's; only restartable ones (sidecars) may be probed.
    private static void ValidateInitContainers(IReadOnlyList<Container> initContainers, HashSet<string> names, HashSet<string> portNames, List<FieldError> errors)
    {
        var initPath = Spec.Child("initContainers");
        for (var i = 0; i < initContainers.Count; i++)
        {
            var container = initContainers[i];
            var path = initPath.Index(i);
            ContainerRules.ValidateCommon(container, path, portNames, errors);
            if (container.RestartPolicy is { } restartPolicy && Array.IndexOf(InitRestartPolicies, restartPolicy) < 0)
            {
                errors.Add(FieldError.NotSupported(path.Child("restartPolicy"), restartPolicy, InitRestartPolicies));
            }

            if (names.Contains(container.Name))
            {
                errors.Add(FieldError.Duplicate(path.Child("name"), container.Name));
            }
            else if (container.Name.Length > 0)
            {
                names.Add(container.Name);
            }

            if (container.ReadinessProbe is { } probe)
            {
                if (container.RestartPolicy == "Always")
                {
                    ContainerRules.ValidateReadinessProbe(probe, path.Child("readinessProbe"), errors);
                }
                else
                {
                    errors.Add(FieldError.Forbidden(path.Child("readinessProbe"), "may not be set for init containers without restartPolicy=Always"));
                }
            }
        }
    }

    // At most one address per family and no repeats. Only valid addresses count towards a family, so an invalid one
    // gets its own error and, among several, the family error too (upstream adds an internal error there as well).
    private static void ValidatePodIPs(IReadOnlyList<string> podIPs, List<FieldError> errors)
    {
        var path = Status.Child("podIPs");
        for (var i = 0; i < podIPs.Count; i++)
        {
            FieldRules.IP(errors, path.Index(i), podIPs[i]);
        }

        if (podIPs.Count <= 1)
        {
            return;
        }

        var dualStack = podIPs.Any(ip => FieldRules.Family(ip) == "IPv4") && podIPs.Any(ip => FieldRules.Family(ip) == "IPv6");
        if (!dualStack || podIPs.Count > 2)
        {
            errors.Add(FieldError.Invalid(path, podIPs.ToArray(), "may specify no more than one IP for each IP family"));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < podIPs.Count; i++)
        {
            if (!seen.Add(podIPs[i]))
            {
                errors.Add(FieldError.Duplicate(path.Index(i), podIPs[i]));
            }
        }
    }
}
