using RoutingCore.Model;

namespace RoutingCore.Workloads;

/// <summary>How the Workloads controller recognises and names the pods it owns.</summary>
internal static class WorkloadPods
{
    /// <summary>Upstream's limit on the base of a generated name (63 minus the 5 random characters).</summary>
    public const int MaxGeneratedNameBase = 58;

    /// <summary>The Deployment that controls <paramref name="pod"/> (its controller owner reference), or null.</summary>
    public static OwnerReference? Owner(Pod pod)
    {
        foreach (var owner in pod.Metadata.OwnerReferences)
        {
            if (owner.Controller && owner.Kind == "Deployment" && owner.ApiVersion == "apps/v1")
            {
                return owner;
            }
        }

        return null;
    }

    /// <summary>The owner reference a Deployment's pods carry.</summary>
    public static OwnerReference OwnerReferenceTo(Deployment deployment) =>
        new("apps/v1", "Deployment", deployment.Metadata.Name, deployment.Metadata.Uid, Controller: true);

    /// <summary>
    /// The <c>generateName</c> of a revision's pods: <c>&lt;deployment&gt;-&lt;hash&gt;-</c>, the store appending 5
    /// random characters — a ReplicaSet's pod names. Cut to 58 characters first, as upstream's name generator does.
    /// </summary>
    public static string GenerateName(string deployment, string hash)
    {
        var prefix = deployment + "-" + hash + "-";
        return prefix.Length > MaxGeneratedNameBase ? prefix[..MaxGeneratedNameBase] : prefix;
    }

    /// <summary>A new pod of <paramref name="revision"/>: the template's labels plus the hash, annotations and spec.</summary>
    public static Pod NewPod(Deployment deployment, ReplicaSet revision)
    {
        var template = revision.Template;
        return new Pod
        {
            Metadata = new ObjectMeta
            {
                Namespace = deployment.Metadata.Namespace,
                GenerateName = GenerateName(deployment.Metadata.Name, revision.Hash),
                Labels = Labels.From(template.Metadata.Labels).SetItem(PodTemplateHash.Label, revision.Hash),
                Annotations = Labels.From(template.Metadata.Annotations),
                OwnerReferences = [OwnerReferenceTo(deployment)],
            },
            Spec = template.Spec,
        };
    }

    /// <summary>A revision's template recovered from one of its pods (when the controller starts on existing pods).</summary>
    public static PodTemplateSpec TemplateOf(Pod pod) => new()
    {
        Metadata = new ObjectMeta
        {
            Labels = pod.Metadata.Labels.Remove(PodTemplateHash.Label),
            Annotations = pod.Metadata.Annotations,
        },
        Spec = pod.Spec,
    };
}
