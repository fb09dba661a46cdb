using RoutingCore.Model;

namespace RoutingCore.State;

/// <summary>What happened to an object.</summary>
public enum WatchEventType
{
    /// <summary>The object was created.</summary>
    Added,
    /// <summary>The object was updated (spec, metadata or status).</summary>
    Modified,
    /// <summary>The object was deleted.</summary>
    Deleted,
    /// <summary>
    /// The subscriber fell behind and events were dropped: re-list what it cares about (the store's current state is
    /// complete and consistent) and carry on reading. <see cref="WatchEvent.Object"/> is null.
    /// </summary>
    Resync,
}

/// <summary>A change in the store, as delivered to watchers and controllers.</summary>
/// <param name="Type">What happened.</param>
/// <param name="Object">The object after the change (for Deleted, the last stored state); null for Resync.</param>
/// <param name="OldObject">The object before the change, for Modified and Deleted.</param>
/// <param name="ResourceVersion">The store's resource version after the change.</param>
public sealed record WatchEvent(WatchEventType Type, KubeObject? Object, KubeObject? OldObject, long ResourceVersion);
