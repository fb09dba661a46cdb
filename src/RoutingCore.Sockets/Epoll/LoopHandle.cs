namespace RoutingCore.Sockets.Epoll;

/// <summary>Something registered with an <see cref="EventLoop"/>: a listener's share of a loop, or a connection.</summary>
internal abstract class LoopHandle
{
    /// <summary>The slot in the loop's handle table; -1 when not registered.</summary>
    public int Slot { get; set; } = -1;

    /// <summary>Which registration of the slot this is: events carrying another one are stale and ignored.</summary>
    public uint Incarnation { get; set; }

    /// <summary>Handles what epoll reported for one of this handle's descriptors.</summary>
    /// <param name="events">The epoll event bits.</param>
    /// <param name="tag">Which of the handle's descriptors (0 to 255, from the token), or a loop-defined signal.</param>
    public abstract void OnEvents(uint events, uint tag);
}
