using System.Threading.Channels;

namespace RoutingCore.State;

/// <summary>
/// A subscription to the store's changes (<see cref="ClusterState.Watch"/>). Events arrive in commit order on
/// <see cref="Events"/>, starting after <see cref="Initial"/>, a view of the store taken atomically with the subscription.
/// </summary>
/// <remarks>
/// Back-pressure policy: the queue is bounded. A subscriber that falls behind by more than its capacity loses the queued
/// events and receives a single <see cref="WatchEventType.Resync"/> event instead; it should then re-read
/// <see cref="ClusterState.Current"/> and ignore later events whose resource version is not newer than that view's.
/// The store never blocks on, and never buffers without bound for, a slow subscriber.
/// </remarks>
public sealed class ClusterWatch : IDisposable
{
    private readonly Channel<WatchEvent> _channel;
    private readonly ClusterState _store;
    private int _resyncs;

    internal ClusterWatch(ClusterState store, ClusterView initial, int capacity)
    {
        _store = store;
        Initial = initial;
        _channel = Channel.CreateBounded<WatchEvent>(new BoundedChannelOptions(capacity)
        {
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>The state of the store when the subscription began.</summary>
    public ClusterView Initial { get; }

    /// <summary>The changes since <see cref="Initial"/>; completed when the watch is disposed.</summary>
    public ChannelReader<WatchEvent> Events => _channel.Reader;

    /// <summary>How many times this subscriber fell behind and was told to resync.</summary>
    public int ResyncCount => Volatile.Read(ref _resyncs);

    /// <summary>Delivers one event; called by the store under its write lock, never blocks.</summary>
    internal void Deliver(WatchEvent change)
    {
        if (_channel.Writer.TryWrite(change))
        {
            return;
        }

        // PERF/safety: dropping the backlog keeps memory bounded; the Resync marker tells the reader what it missed.
        while (_channel.Reader.TryRead(out _))
        {
        }

        Interlocked.Increment(ref _resyncs);
        _channel.Writer.TryWrite(new WatchEvent(WatchEventType.Resync, null, null, change.ResourceVersion));
    }

    /// <summary>Ends the subscription and completes <see cref="Events"/>.</summary>
    public void Dispose()
    {
        _store.Unsubscribe(this);
        _channel.Writer.TryComplete();
    }
}
