using k8s;
using k8s.Models;
using RoutingCore.Model;

namespace RoutingCore.Kubernetes.Output;

/// <summary>
/// One kind's columns for <c>kubectl get</c>, a port of its print function in kubernetes'
/// <c>pkg/printers/internalversion/printers.go</c>, applied to the API shape of the object.
/// </summary>
internal abstract class TableFormat
{
    public abstract ObjectKind Kind { get; }

    /// <summary>The column headers, upper-case as kubectl prints them; <paramref name="wide"/> adds the priority-1 columns.</summary>
    public abstract string[] Headers(bool wide);

    /// <summary>The cells of one object.</summary>
    public abstract string[] Row(IKubernetesObject<V1ObjectMeta> obj, bool wide, TableClock clock);
}

/// <summary>A <see cref="TableFormat"/> over one KubernetesClient type.</summary>
/// <typeparam name="T">The KubernetesClient type.</typeparam>
internal abstract class TableFormat<T> : TableFormat
    where T : IKubernetesObject<V1ObjectMeta>
{
    public override string[] Row(IKubernetesObject<V1ObjectMeta> obj, bool wide, TableClock clock) => Row((T)obj, wide, clock);

    protected abstract string[] Row(T obj, bool wide, TableClock clock);
}
