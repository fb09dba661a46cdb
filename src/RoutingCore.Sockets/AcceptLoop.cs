using System.Net.Sockets;

namespace RoutingCore.Sockets;

/// <summary>
/// The accept loop every TCP listener of the proxy runs: accept until the listening socket is closed, skip clients
/// that vanish mid-accept, and back off briefly when the process is out of descriptors instead of spinning.
/// </summary>
internal static class AcceptLoop
{
    public static async Task RunAsync(Socket listener, Action<Socket> onAccepted)
    {
        await Task.Yield(); // leave the caller's thread (a table handler or Start) at once
        while (true)
        {
            Socket accepted;
            try
            {
                accepted = await listener.AcceptAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException error) when (error.SocketErrorCode is SocketError.OperationAborted or SocketError.Interrupted)
            {
                return; // the listening socket was closed
            }
            catch (SocketException error) when (error.SocketErrorCode is SocketError.TooManyOpenSockets or SocketError.NoBufferSpaceAvailable)
            {
                await Task.Delay(50).ConfigureAwait(false); // out of descriptors: let connections finish before accepting again
                continue;
            }
            catch (SocketException)
            {
                continue; // the client went away before the accept completed
            }

            onAccepted(accepted);
        }
    }
}
