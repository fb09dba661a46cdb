namespace RoutingCore.Sockets.Epoll;

/// <summary>Something registered with an <see cref="EventLoop"/>: a listener's share of a loop, or a connection.</summary>
internal abstract class LoopHandle
{
    /// <summary>The slot in the loop's handle table; the low 32 bits of every epoll token of this handle.</summary>
    public int Slot { get; set; } = -1;

    /// <summary>Handles what epoll reported for one of this handle's descriptors.</summary>
    /// <param name="events">The epoll event bits.</param>
    /// <param name="tag">The high 32 bits of the token: which of the handle's descriptors, and which incarnation of it.</param>
    public abstract void OnEvents(uint events, uint tag);
}
