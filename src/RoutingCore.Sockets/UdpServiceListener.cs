using System.Net;
using System.Net.Sockets;
using RoutingCore.Balancing;
using RoutingCore.Proxying;

namespace RoutingCore.Sockets;

/// <summary>
/// Relays UDP datagrams for one frontend address through a flow table (client address → endpoint).
/// </summary>
/// <remarks>
/// The first datagram of a client is placed on the current table (§10, affinity included) and opens a flow: a socket
/// connected to the chosen endpoint, whose replies a per-flow loop sends back to the client from the frontend
/// address. Later datagrams of the client follow the flow. A flow ends when idle for
/// <see cref="SocketProxyOptions.UdpIdleTimeout"/>, when its endpoint leaves the Service or stops being usable (the
/// next datagram is placed again: re-pinning), or when the endpoint answers with ICMP unreachable. The table holds at
/// most <see cref="SocketProxyOptions.MaxUdpFlows"/> flows; new clients' datagrams are dropped while it is full, as
/// a full conntrack table drops them.
/// </remarks>
internal sealed class UdpServiceListener(ServiceProxy proxy, IPEndPoint endPoint, string service) : IServiceListener
{
    private readonly UdpFlowTable _flows = new(proxy.Options.MaxUdpFlows);
    private Socket? _socket;

    public IPEndPoint EndPoint { get; private set; } = endPoint;

    public ProxyProtocol Protocol => ProxyProtocol.Udp;

    public string Service { get; } = service;

    public int FlowCount => _flows.Count;

    public void Start()
    {
        _socket = ListenSockets.OpenUdp(EndPoint);
        EndPoint = (IPEndPoint)_socket.LocalEndPoint!;
        proxy.Tracker.Track(ReceiveLoopAsync(_socket));
    }

    public void Stop()
    {
        _socket?.Dispose();
        foreach (var flow in _flows.RemoveWhere(_ => true))
        {
            End(flow, UdpFlowEnd.Stopped, EndpointOutcome.Neutral);
        }
    }

    public void ApplyTable(ProxyTable table)
    {
        var gone = _flows.RemoveWhere(flow =>
            table.FindServicePort(flow.Identity.Namespace, flow.Identity.Service, flow.Identity.Port, ProxyProtocol.Udp) is not { } port
            || !port.IsUsable(flow.Identity.Endpoint));
        foreach (var flow in gone)
        {
            End(flow, UdpFlowEnd.Repinned, EndpointOutcome.Neutral);
        }
    }

    public void Sweep(long now)
    {
        var idle = (long)(proxy.Options.UdpIdleTimeout.TotalSeconds * proxy.Time.TimestampFrequency);
        foreach (var flow in _flows.RemoveWhere(flow => now - flow.LastActivity >= idle))
        {
            End(flow, UdpFlowEnd.Idle, EndpointOutcome.Success);
        }
    }

    private async Task ReceiveLoopAsync(Socket socket)
    {
        await Task.Yield(); // leave the table handler's thread at once
        var buffer = GC.AllocateUninitializedArray<byte>(proxy.Options.MaxDatagramSize);
        var client = new SocketAddress(EndPoint.AddressFamily);
        while (true)
        {
            int read;
            try
            {
                read = await socket.ReceiveFromAsync(buffer, SocketFlags.None, client, CancellationToken.None).ConfigureAwait(false);
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException error) when (error.SocketErrorCode is SocketError.OperationAborted or SocketError.Interrupted)
            {
                return;
            }
            catch (SocketException)
            {
                continue; // an ICMP error for an earlier reply, reported on the next receive
            }

            var flow = _flows.Find(client) ?? Open(socket, client);
            if (flow is null)
            {
                continue;
            }

            flow.Touch();
            try
            {
                await flow.Upstream.SendAsync(buffer.AsMemory(0, read), SocketFlags.None).ConfigureAwait(false);
                proxy.Metrics.Bytes(flow.Tags, upstream: true, read);
            }
            catch (Exception error) when (error is SocketException or ObjectDisposedException)
            {
                _flows.Remove(flow);
                End(flow, UdpFlowEnd.Error, EndpointOutcome.Failure);
            }
        }
    }

    /// <summary>Places a new client and opens its flow; null when the datagram must be dropped.</summary>
    private UdpFlow? Open(Socket frontend, SocketAddress client)
    {
        var from = (IPEndPoint)EndPoint.Create(client);
        var slot = new LeaseSlot();
        var decision = proxy.Table.Resolve(ProxyProtocol.Udp, EndPoint.Address, EndPoint.Port, from.Address, out slot.Lease);
        if (decision.Outcome != ProxyOutcome.Selected)
        {
            var refused = ProxyTags.ForRefused(decision, EndPoint.Port, ProxyProtocol.Udp);
            proxy.Metrics.Refused(in refused, decision);
            return null;
        }

        var endpoint = slot.Lease.Endpoint;
        if (endpoint.IPAddress is not { } address)
        {
            slot.Lease.Complete(EndpointOutcome.Failure);
            return null;
        }

        var servicePort = decision.ServicePort!;
        var tags = ProxyTags.For(servicePort);
        var upstream = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            upstream.Connect(new IPEndPoint(address, endpoint.Port));
        }
        catch (SocketException error)
        {
            upstream.Dispose();
            slot.Lease.Complete(EndpointOutcome.Failure);
            proxy.Metrics.ConnectFailure(in tags, error.SocketErrorCode.ToString());
            return null;
        }

        var copy = new SocketAddress(client.Family, client.Size);
        client.Buffer.Span[..client.Size].CopyTo(copy.Buffer.Span);
        var identity = new DrainIdentity(servicePort.Service.Metadata.Namespace, servicePort.Service.Metadata.Name, servicePort.Port.Port, endpoint.Key);
        var flow = new UdpFlow(FlowKey.From(client), copy, upstream, slot, tags, identity, proxy.Time);
        if (!_flows.TryAdd(flow))
        {
            flow.Close(EndpointOutcome.Neutral);
            proxy.Metrics.Refused(in tags, "dropped", "flow_table_full");
            return null;
        }

        proxy.Metrics.FlowOpened(in tags);
        proxy.Tracker.Track(RelayRepliesAsync(frontend, flow));
        return flow;
    }

    private async Task RelayRepliesAsync(Socket frontend, UdpFlow flow)
    {
        var end = await flow.RelayRepliesAsync(frontend, proxy.Options.MaxDatagramSize, (f, bytes) => proxy.Metrics.Bytes(f.Tags, upstream: false, bytes)).ConfigureAwait(false);
        if (end is { } reason)
        {
            _flows.Remove(flow);
            End(flow, reason, EndpointOutcome.Failure);
        }
    }

    private void End(UdpFlow flow, UdpFlowEnd reason, EndpointOutcome outcome)
    {
        if (flow.Close(outcome))
        {
            proxy.Metrics.FlowClosed(flow.Tags);
            proxy.OnFlowEnded(reason);
        }
    }
}
