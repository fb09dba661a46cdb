using System.Buffers;
using System.Net;
using System.Net.Sockets;
using RoutingCore.Balancing;

namespace RoutingCore.Sockets;

/// <summary>
/// One UDP client's flow: a socket connected to the endpoint chosen for it, so that the endpoint's replies come back
/// on a port of their own and can be sent to that client from the frontend address, as conntrack's NAT entry does.
/// </summary>
internal sealed class UdpFlow
{
    private readonly TimeProvider _time;
    private long _lastActivity;
    private int _closed;

    public UdpFlow(FlowKey key, SocketAddress client, Socket upstream, LeaseSlot lease, ProxyTags tags, DrainIdentity identity, TimeProvider time)
    {
        Key = key;
        Client = client;
        Upstream = upstream;
        Lease = lease;
        Tags = tags;
        Identity = identity;
        _time = time;
        _lastActivity = time.GetTimestamp();
    }

    public FlowKey Key { get; }

    /// <summary>The client's socket address (a private copy).</summary>
    public SocketAddress Client { get; }

    /// <summary>The socket connected to the endpoint.</summary>
    public Socket Upstream { get; }

    public LeaseSlot Lease { get; }

    public ProxyTags Tags { get; }

    /// <summary>The Service port and endpoint, to re-pin the flow when the endpoint goes away.</summary>
    public DrainIdentity Identity { get; }

    public long LastActivity => Volatile.Read(ref _lastActivity);

    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    public void Touch() => Volatile.Write(ref _lastActivity, _time.GetTimestamp());

    /// <summary>Closes the upstream socket and completes the lease; true for the call that closed it.</summary>
    public bool Close(EndpointOutcome outcome)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return false;
        }

        Upstream.Dispose();
        Lease.Lease.Complete(outcome);
        return true;
    }

    /// <summary>Relays the endpoint's replies to the client until the flow closes.</summary>
    /// <param name="frontend">The frontend socket replies are sent from.</param>
    /// <param name="maxDatagram">The receive buffer size.</param>
    /// <param name="onReply">Counts the bytes of each reply.</param>
    /// <returns>Null when the flow was closed by its owner; otherwise why the endpoint side failed.</returns>
    public async Task<UdpFlowEnd?> RelayRepliesAsync(Socket frontend, int maxDatagram, Action<UdpFlow, int> onReply)
    {
        try
        {
            while (true)
            {
                // PERF: peek for a datagram before renting a buffer, so thousands of quiet flows hold none.
                await Upstream.ReceiveAsync(Memory<byte>.Empty, SocketFlags.Peek).ConfigureAwait(false);
                var buffer = ArrayPool<byte>.Shared.Rent(maxDatagram);
                try
                {
                    var read = await Upstream.ReceiveAsync(buffer, SocketFlags.None).ConfigureAwait(false);
                    Touch();
                    await frontend.SendToAsync(buffer.AsMemory(0, read), SocketFlags.None, Client).ConfigureAwait(false);
                    onReply(this, read);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }
        catch (Exception error) when (error is SocketException or ObjectDisposedException)
        {
            return IsClosed ? null : UdpFlowEnd.Error;
        }
    }
}
