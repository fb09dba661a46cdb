using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RoutingCore.Sockets.Tests;

/// <summary>
/// A pod on loopback: listens on its pod IP and, by default, greets each connection with its name and a newline,
/// then echoes everything until the client half-closes, then half-closes too. A custom handler replaces the echo.
/// </summary>
internal sealed class TcpBackend : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly Func<Socket, Task> _handler;
    private readonly List<Socket> _accepted = [];
    private readonly List<Task> _work = [];
    private readonly Lock _gate = new();
    private readonly Task _loop;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private TcpBackend(IPEndPoint endPoint, string name, Func<Socket, Task>? handler)
    {
        Name = name;
        EndPoint = endPoint;
        _handler = handler ?? (socket => EchoAsync(socket, name));
        _listener = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        _listener.SetRawSocketOption(1, 2, BitConverter.GetBytes(1)); // SO_REUSEADDR: restartable while connections linger
        _listener.Bind(endPoint);
        _listener.Listen(2048);
        _loop = AcceptLoopAsync();
    }

    public string Name { get; }

    public IPEndPoint EndPoint { get; }

    public int AcceptedCount
    {
        get
        {
            lock (_gate)
            {
                return _accepted.Count;
            }
        }
    }

    public static TcpBackend Start(IPEndPoint endPoint, string? name = null, Func<Socket, Task>? handler = null) =>
        new(endPoint, name ?? endPoint.Address.ToString(), handler);

    /// <summary>Waits until at least <paramref name="count"/> connections were accepted.</summary>
    public async Task WaitForAcceptedAsync(int count, CancellationToken cancellation)
    {
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_accepted.Count >= count)
                {
                    return;
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(cancellation);
        }
    }

    /// <summary>Resets one accepted connection, as a crashing process would.</summary>
    public void Reset(int index)
    {
        Socket socket;
        lock (_gate)
        {
            socket = _accepted[index];
        }

        Abort(socket);
    }

    /// <summary>The process dies: the listener closes and every connection is reset.</summary>
    public void Kill()
    {
        _listener.Dispose();
        lock (_gate)
        {
            foreach (var socket in _accepted)
            {
                Abort(socket);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Dispose();
        Task[] work;
        lock (_gate)
        {
            foreach (var socket in _accepted)
            {
                socket.Dispose();
            }

            work = [.. _work];
        }

        await _loop;
        await Task.WhenAll(work.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
    }

    public static async Task EchoAsync(Socket socket, string name)
    {
        try
        {
            await socket.SendAsync(Encoding.ASCII.GetBytes(name + "\n"));
            var buffer = new byte[64 * 1024];
            while (true)
            {
                var read = await socket.ReceiveAsync(buffer);
                if (read == 0)
                {
                    socket.Shutdown(SocketShutdown.Send);
                    return;
                }

                await socket.SendAsync(buffer.AsMemory(0, read));
            }
        }
        catch (Exception error) when (error is SocketException or ObjectDisposedException)
        {
            // The test reset or closed it.
        }
    }

    private static void Abort(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
        }
        catch (Exception error) when (error is SocketException or ObjectDisposedException)
        {
        }

        socket.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (true)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptAsync();
            }
            catch (Exception error) when (error is SocketException or ObjectDisposedException)
            {
                return;
            }

            socket.NoDelay = true;
            lock (_gate)
            {
                _accepted.Add(socket);
                _work.Add(Task.Run(() => _handler(socket)));
                var changed = _changed;
                _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                changed.SetResult();
            }
        }
    }
}
