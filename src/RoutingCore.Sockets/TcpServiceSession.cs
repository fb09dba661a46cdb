using System.Net;
using System.Net.Sockets;
using RoutingCore.Balancing;
using RoutingCore.Proxying;

namespace RoutingCore.Sockets;

/// <summary>
/// One accepted connection on a Service frontend: place it on the current table (§10), refuse it with a reset when
/// the table says Rejected, Dropped or NotProxied [RC: a user-space proxy has already accepted, so it cannot stay
/// silent; the outcomes differ only in metrics], connect with retries, then relay until either side is done.
/// The accepted socket inherits TCP_NODELAY from the listener (Linux copies it on accept), so it is not set again.
/// </summary>
internal static class TcpServiceSession
{
    /// <summary>Handles <paramref name="client"/>; the caller has counted it with <see cref="ConnectionTracker.BeginSession"/>.</summary>
    public static async Task RunAsync(ServiceProxy proxy, Socket client, IPEndPoint local)
    {
        var slot = new LeaseSlot();
        try
        {
            var remote = ((IPEndPoint)client.RemoteEndPoint!).Address;
            var decision = proxy.Table.Resolve(ProxyProtocol.Tcp, local.Address, local.Port, remote, out slot.Lease);
            if (decision.Outcome != ProxyOutcome.Selected)
            {
                var refusedTags = ProxyTags.ForRefused(decision, local.Port, ProxyProtocol.Tcp);
                proxy.Metrics.Refused(in refusedTags, decision);
                Reset(client);
                return;
            }

            var servicePort = decision.ServicePort!;
            var tags = ProxyTags.For(servicePort);
            var upstream = await UpstreamConnector.ConnectAsync(slot, decision.Endpoints, remote, proxy.Options, proxy.Tracker, proxy.Time, proxy.Metrics, tags, proxy.Shutdown).ConfigureAwait(false);
            if (upstream is null)
            {
                Reset(client);
                return;
            }

            var drain = new DrainIdentity(servicePort.Service.Metadata.Namespace, servicePort.Service.Metadata.Name, servicePort.Port.Port, slot.Lease.Endpoint.Key);
            await proxy.RelayAsync(client, upstream, tags, drain, slot).ConfigureAwait(false);
        }
        catch (Exception error) when (error is SocketException or ObjectDisposedException)
        {
            Reset(client);
        }
        finally
        {
            slot.Lease.Complete(EndpointOutcome.Neutral); // no-op when already completed
            proxy.Tracker.EndSession();
        }
    }

    /// <summary>Closes with a reset, so the client sees the connection refused rather than a clean end.</summary>
    internal static void Reset(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
        }
        catch (Exception error) when (error is SocketException or ObjectDisposedException)
        {
            // Already closed.
        }

        socket.Dispose();
    }
}
