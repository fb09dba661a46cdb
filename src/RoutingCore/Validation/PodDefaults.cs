using System.Collections.Immutable;
using RoutingCore.Model;

namespace RoutingCore.Validation;

/// <summary>
/// Pod defaulting for the fields RoutingCore uses (POD-1): container port protocol TCP (POD-2), and the readiness
/// probe's upstream defaults (timeout 1 s, period 10 s, thresholds 1 and 3, HTTP GET path <c>/</c> and scheme HTTP).
/// Runs before <see cref="PodValidation"/>.
/// </summary>
public static class PodDefaults
{
    /// <summary>Returns <paramref name="pod"/> with defaults applied to its containers and init containers.</summary>
    public static Pod Apply(Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        return pod with
        {
            Spec = pod.Spec with
            {
                Containers = DefaultContainers(pod.Spec.Containers.OrEmpty()),
                InitContainers = DefaultContainers(pod.Spec.InitContainers.OrEmpty()),
            },
        };
    }

    private static ImmutableArray<Container> DefaultContainers(ImmutableArray<Container> containers)
    {
        var defaulted = ImmutableArray.CreateBuilder<Container>(containers.Length);
        foreach (var container in containers)
        {
            defaulted.Add(container with
            {
                Ports = [.. container.Ports.OrEmpty().Select(p => p.Protocol.Length == 0 ? p with { Protocol = "TCP" } : p)],
                ReadinessProbe = container.ReadinessProbe is { } probe ? DefaultProbe(probe) : null,
            });
        }

        return defaulted.MoveToImmutable();
    }

    // Zero means "unset" for these fields, as in upstream's SetDefaults_Probe.
    private static Probe DefaultProbe(Probe probe) => probe with
    {
        TimeoutSeconds = probe.TimeoutSeconds == 0 ? 1 : probe.TimeoutSeconds,
        PeriodSeconds = probe.PeriodSeconds == 0 ? 10 : probe.PeriodSeconds,
        SuccessThreshold = probe.SuccessThreshold == 0 ? 1 : probe.SuccessThreshold,
        FailureThreshold = probe.FailureThreshold == 0 ? 3 : probe.FailureThreshold,
        HttpGet = probe.HttpGet is { } get
            ? get with { Path = get.Path.Length == 0 ? "/" : get.Path, Scheme = get.Scheme.Length == 0 ? "HTTP" : get.Scheme }
            : null,
    };
}
