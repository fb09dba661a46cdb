using RoutingCore.Model;
using RoutingCore.Validation;

namespace RoutingCore.State;

/// <summary>
/// The M-1 write pipeline, one method per verb: defaulting, then admission, then validation, then allocation, then
/// persistence. Any exception leaves the transaction to undo what the step allocated; nothing is persisted before the
/// last step.
/// </summary>
internal static class WritePipeline
{
    /// <summary>Namespaces that may never be deleted (upstream's NamespaceLifecycle).</summary>
    private static readonly HashSet<string> ProtectedNamespaces = ["default", "kube-system", "kube-public"];

    public static KubeObject Create(Transaction txn, KubeObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var options = txn.Store.Options.Validation;
        obj = Admission.NameAndNamespace(txn, obj);
        RequireNamespace(txn, obj);
        obj = Admission.ClearStatusOnCreate(obj);
        obj = Defaulting.Apply(obj, old: null);
        obj = Admission.Admit(txn, obj);
        Transaction.ThrowIfInvalid(obj, ObjectValidation.ValidateCreate(obj, options));
        if (txn.Get(ObjectKey.Of(obj)) is not null)
        {
            throw ApiException.AlreadyExists(obj.Kind, obj.Metadata.Namespace, obj.Metadata.Name);
        }

        if (obj is Service service)
        {
            obj = txn.Store.Allocations.Allocate(txn, service, old: null);
        }

        obj = obj.WithMetadata(obj.Metadata with
        {
            Uid = NewUid(txn.Store.Random),
            CreationTimestamp = txn.Now,
            DeletionTimestamp = null,
            Generation = 1,
        });
        txn.Put(obj, old: null);
        return txn.LastWritten!;
    }

    public static KubeObject Update(Transaction txn, KubeObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        obj = Admission.DefaultNamespace(obj);
        var old = Find(txn, ObjectKey.Of(obj));
        CheckResourceVersion(obj, old);
        obj = obj.WithMetadata(obj.Metadata with
        {
            Uid = old.Metadata.Uid,
            GenerateName = old.Metadata.GenerateName,
            CreationTimestamp = old.Metadata.CreationTimestamp,
            DeletionTimestamp = old.Metadata.DeletionTimestamp,
            Generation = old.Metadata.Generation,
            ResourceVersion = old.Metadata.ResourceVersion,
        });
        obj = StatusOf.CopyStatus(obj, from: old);
        obj = Defaulting.Apply(obj, old);
        obj = Admission.AdmitUpdate(obj);
        Transaction.ThrowIfInvalid(obj, ObjectValidation.ValidateUpdate(obj, old, txn.Store.Options.Validation));
        if (obj is Service service)
        {
            obj = txn.Store.Allocations.Allocate(txn, service, (Service)old);
        }

        var specChanged = !ObjectJson.ContentEquals(obj, old);
        if (!specChanged && ObjectJson.MetadataEquals(obj.Metadata, old.Metadata))
        {
            return old;
        }

        if (specChanged)
        {
            obj = obj.WithMetadata(obj.Metadata with { Generation = old.Metadata.Generation + 1 });
        }

        txn.Put(obj, old);
        return txn.LastWritten!;
    }

    public static KubeObject UpdateStatus(Transaction txn, KubeObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        obj = Admission.DefaultNamespace(obj);
        var old = Find(txn, ObjectKey.Of(obj));
        CheckResourceVersion(obj, old);
        if (!StatusOf.HasStatus(old.Kind))
        {
            throw new ArgumentException($"{old.Kind} has no status.", nameof(obj));
        }

        var merged = Defaulting.ApplyStatus(StatusOf.CopyStatus(old, from: obj));
        Transaction.ThrowIfInvalid(merged, ObjectValidation.ValidateStatusUpdate(merged, old, txn.Store.Options.Validation));
        if (ObjectJson.ContentEquals(merged, old))
        {
            return old;
        }

        txn.Put(merged, old);
        return txn.LastWritten!;
    }

    public static KubeObject Apply(Transaction txn, KubeObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var named = Admission.DefaultNamespace(obj);
        return named.Metadata.Name.Length > 0 && txn.Get(ObjectKey.Of(named)) is not null
            ? Update(txn, obj)
            : Create(txn, obj);
    }

    public static KubeObject? Delete(Transaction txn, ObjectKey key, DeleteOptions options)
    {
        if (key.Kind.IsNamespaced() && key.Namespace.Length == 0)
        {
            key = key with { Namespace = "default" };
        }

        var old = Find(txn, key);
        switch (old)
        {
            case Namespace when ProtectedNamespaces.Contains(old.Metadata.Name):
                throw ApiException.Forbidden(ObjectKind.Namespace, "", old.Metadata.Name, "this namespace may not be deleted");
            case Namespace:
                foreach (var kind in ObjectKinds.All)
                {
                    if (kind.IsNamespaced())
                    {
                        foreach (var child in txn.List(kind, old.Metadata.Name).ToList())
                        {
                            Delete(txn, ObjectKey.Of(child), DeleteOptions.Immediate);
                        }
                    }
                }

                break;
            case Pod pod when options.GracePeriodSeconds > 0 && !pod.IsTerminating:
                txn.Put(pod with { Metadata = pod.Metadata with { DeletionTimestamp = txn.Now } }, pod);
                return txn.LastWritten;
            case Service service:
                txn.Store.Allocations.ReleaseOnDelete(txn, service);
                break;
        }

        txn.Remove(old);
        return null;
    }

    private static KubeObject Find(Transaction txn, ObjectKey key) =>
        txn.Get(key) ?? throw ApiException.NotFound(key.Kind, key.Namespace, key.Name);

    private static void RequireNamespace(Transaction txn, KubeObject obj)
    {
        if (obj.Kind.IsNamespaced() && txn.Get(new ObjectKey(ObjectKind.Namespace, "", obj.Metadata.Namespace)) is null)
        {
            throw ApiException.NamespaceNotFound(obj.Kind, obj.Metadata.Namespace, obj.Metadata.Name);
        }
    }

    private static void CheckResourceVersion(KubeObject obj, KubeObject old)
    {
        if (obj.Metadata.ResourceVersion.Length > 0 && obj.Metadata.ResourceVersion != old.Metadata.ResourceVersion)
        {
            throw ApiException.Conflict(obj.Kind, obj.Metadata.Namespace, obj.Metadata.Name);
        }
    }

    private static string NewUid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes).ToString();
    }
}
