using System.Runtime.CompilerServices;
using RoutingCore.Model;

namespace RoutingCore.State;

/// <summary>The <see cref="ObjectKind"/> of a model type, computed once per type.</summary>
internal static class KindOf<T>
    where T : KubeObject
{
    public static readonly ObjectKind Kind = ((KubeObject)RuntimeHelpers.GetUninitializedObject(typeof(T))).Kind;
}
