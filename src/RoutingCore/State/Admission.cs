using RoutingCore.Model;

namespace RoutingCore.State;

/// <summary>
/// The admission step of M-1: naming (NS-2, NAME-7), namespace labels (NS-6), the default IngressClass (CLS-1), and
/// which fields a create or update may not write (status belongs to controllers, M-2).
/// </summary>
internal static class Admission
{
    /// <summary>The label every Namespace carries with its own name (NS-6).</summary>
    public const string NamespaceNameLabel = "kubernetes.io/metadata.name";

    // The alphabet of upstream's generated names: no vowels (no accidental words) and no look-alike characters.
    private const string GeneratedNameAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    /// <summary>NS-2: a namespaced object without a namespace goes to <c>default</c>.</summary>
    public static KubeObject DefaultNamespace(KubeObject obj) =>
        obj.Kind.IsNamespaced() && obj.Metadata.Namespace.Length == 0
            ? obj.WithMetadata(obj.Metadata with { Namespace = "default" })
            : obj;

    /// <summary>NS-2 and NAME-7: default the namespace; name an object that only has generateName.</summary>
    public static KubeObject NameAndNamespace(Transaction txn, KubeObject obj)
    {
        obj = DefaultNamespace(obj);
        if (obj.Metadata.Name.Length > 0 || string.IsNullOrEmpty(obj.Metadata.GenerateName))
        {
            return obj;
        }

        // Upstream retries on a name collision; 5 characters of a 27-letter alphabet make repeats rare.
        Span<char> suffix = stackalloc char[5];
        for (var attempt = 0; ; attempt++)
        {
            for (var i = 0; i < suffix.Length; i++)
            {
                suffix[i] = GeneratedNameAlphabet[txn.Store.Random.Next(GeneratedNameAlphabet.Length)];
            }

            var name = obj.Metadata.GenerateName + new string(suffix);
            if (attempt >= 16 || txn.Get(new ObjectKey(obj.Kind, obj.Metadata.Namespace, name)) is null)
            {
                return obj.WithMetadata(obj.Metadata with { Name = name });
            }
        }
    }

    /// <summary>Creates never write a controller-owned status: Service, Ingress and Deployment status start empty (LBA-3, ING-S2).</summary>
    /// <remarks>A Pod keeps the status it is created with: with no pod runtime, a manifest's status is the pod's state.</remarks>
    public static KubeObject ClearStatusOnCreate(KubeObject obj) => obj switch
    {
        Service service => service with { Status = new() },
        Ingress ingress => ingress with { Status = new() },
        Deployment deployment => deployment with { Status = new() },
        _ => obj,
    };

    /// <summary>Admission on create: NS-6 and CLS-1.</summary>
    public static KubeObject Admit(Transaction txn, KubeObject obj) => obj switch
    {
        Namespace ns => LabelNamespace(ns),
        Ingress ingress => DefaultIngressClass(txn, ingress),
        _ => obj,
    };

    /// <summary>Admission on update: NS-6 only (CLS-1 never applies to updates).</summary>
    public static KubeObject AdmitUpdate(KubeObject obj) => obj is Namespace ns ? LabelNamespace(ns) : obj;

    private static Namespace LabelNamespace(Namespace ns) =>
        ns.Metadata.Labels.TryGetValue(NamespaceNameLabel, out var value) && value == ns.Metadata.Name
            ? ns
            : ns with { Metadata = ns.Metadata with { Labels = ns.Metadata.Labels.SetItem(NamespaceNameLabel, ns.Metadata.Name) } };

    /// <summary>
    /// CLS-1: an Ingress created with neither <c>ingressClassName</c> nor the class annotation gets the default class;
    /// among several defaults the newest wins, then the lowest name.
    /// </summary>
    private static Ingress DefaultIngressClass(Transaction txn, Ingress ingress)
    {
        if (!string.IsNullOrEmpty(ingress.Spec.IngressClassName) || ingress.Metadata.Annotations.ContainsKey(Ingress.ClassAnnotation))
        {
            return ingress;
        }

        IngressClass? chosen = null;
        foreach (var obj in txn.List(ObjectKind.IngressClass, null))
        {
            var candidate = (IngressClass)obj;
            if (!candidate.IsDefault)
            {
                continue;
            }

            if (chosen is null || IsPreferredDefault(candidate, chosen))
            {
                chosen = candidate;
            }
        }

        return chosen is null ? ingress : ingress with { Spec = ingress.Spec with { IngressClassName = chosen.Metadata.Name } };
    }

    private static bool IsPreferredDefault(IngressClass candidate, IngressClass current)
    {
        var byTime = Nullable.Compare(candidate.Metadata.CreationTimestamp, current.Metadata.CreationTimestamp);
        return byTime > 0 || (byTime == 0 && string.CompareOrdinal(candidate.Metadata.Name, current.Metadata.Name) < 0);
    }
}
