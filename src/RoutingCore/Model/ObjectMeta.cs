using System.Collections.Immutable;

namespace RoutingCore.Model;

/// <summary>Object metadata, as <c>metav1.ObjectMeta</c>: the fields RoutingCore reads and writes.</summary>
public sealed record ObjectMeta
{
    /// <summary>The object's name; unique per kind and namespace.</summary>
    public string Name { get; init; } = "";

    /// <summary>When <see cref="Name"/> is empty, the store names the object this prefix followed by 5 random characters (NAME-7).</summary>
    public string? GenerateName { get; init; }

    /// <summary>The namespace; empty means <c>default</c> for namespaced kinds (NS-2).</summary>
    public string Namespace { get; init; } = "";

    /// <summary>Unique id assigned by the store on create.</summary>
    public string Uid { get; init; } = "";

    /// <summary>Opaque version assigned by the store on every write; an update carrying a stale value is refused with Conflict.</summary>
    public string ResourceVersion { get; init; } = "";

    /// <summary>Incremented by the store whenever the spec (not the status or metadata) changes.</summary>
    public long Generation { get; init; }

    /// <summary>When the store created the object (from its <see cref="TimeProvider"/>).</summary>
    public DateTimeOffset? CreationTimestamp { get; init; }

    /// <summary>Set when the object is being deleted gracefully (a terminating Pod).</summary>
    public DateTimeOffset? DeletionTimestamp { get; init; }

    /// <summary>Labels (LBL-1/LBL-2), selected on by label selectors.</summary>
    public ImmutableSortedDictionary<string, string> Labels { get; init; } = RoutingCore.Model.Labels.Empty;

    /// <summary>Annotations (LBL-3): free-text values keyed by label-style keys.</summary>
    public ImmutableSortedDictionary<string, string> Annotations { get; init; } = RoutingCore.Model.Labels.Empty;

    /// <summary>Objects that own this one (an EndpointSlice is owned by its Service).</summary>
    public ImmutableArray<OwnerReference> OwnerReferences { get; init; } = [];
}

/// <summary>A reference from a dependent object to its owner, as <c>metav1.OwnerReference</c>.</summary>
/// <param name="ApiVersion">The owner's API version, for example <c>v1</c>.</param>
/// <param name="Kind">The owner's kind, for example <c>Service</c>.</param>
/// <param name="Name">The owner's name.</param>
/// <param name="Uid">The owner's uid.</param>
/// <param name="Controller">True when the owner is the managing controller.</param>
public sealed record OwnerReference(string ApiVersion, string Kind, string Name, string Uid, bool Controller = false);

/// <summary>A reference to an object by kind, namespace, name and uid, as <c>corev1.ObjectReference</c>.</summary>
/// <param name="Kind">Kind of the referent.</param>
/// <param name="Namespace">Namespace of the referent.</param>
/// <param name="Name">Name of the referent.</param>
/// <param name="Uid">Uid of the referent.</param>
public sealed record ObjectReference(string Kind, string Namespace, string Name, string Uid = "");
