using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RoutingCore.Sockets.Epoll;

/// <summary>
/// One thread running one epoll instance. Connections live on the loop that accepted them, both of their sockets,
/// for their whole life, so nothing a connection owns is ever touched by two threads and nothing on the relay path
/// takes a lock. Other threads reach a loop only through <see cref="Post"/>: a command queue and an eventfd that
/// wakes <c>epoll_wait</c>.
/// </summary>
/// <remarks>
/// The subtle point is stale events. One <c>epoll_wait</c> returns a batch; handling an early event may close a
/// connection or a connection's upstream socket, and a later event of the same batch may still name it. Tokens
/// carry the handle's slot and a tag (which socket, which connect attempt), slots freed during a batch are reused
/// only after it, and handles ignore events for a closed state or a past tag. Sockets are never removed from epoll
/// by number after they might have been closed: a closed descriptor leaves epoll by itself, and its number may
/// already belong to someone else.
/// </remarks>
internal sealed unsafe class EventLoop
{
    private const int MaxEvents = 256;
    private const ulong WakeToken = ulong.MaxValue;

    private readonly ConcurrentQueue<Action<EventLoop>> _commands = new();
    private readonly List<int> _released = [];
    private readonly Stack<int> _free = new();
    private List<EpollConnection> _deferred = [];
    private List<EpollConnection> _resuming = [];
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Thread _thread;
    private readonly int _epoll;
    private readonly int _wake;
    private readonly byte[] _scratch;
    private LoopHandle?[] _handles = new LoopHandle?[256];
    private int _used;
    private int _wakePending;
    private volatile bool _running = true;
    private bool _stopping;

    public EventLoop(EpollTransport transport, int index)
    {
        Transport = transport;
        Index = index;
        _scratch = GC.AllocateUninitializedArray<byte>(transport.Proxy.Options.BufferSize, pinned: true);
        Scratch = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_scratch));
        _epoll = Native.EpollCreate(Native.EpollCloExec);
        _wake = _epoll < 0 ? -1 : Native.EventFd(0, Native.EfdNonBlock | Native.EfdCloExec);
        if (_epoll < 0 || _wake < 0 || Native.Control(_epoll, Native.EpollCtlAdd, _wake, Native.EpollIn, WakeToken) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            CloseDescriptors();
            throw new InvalidOperationException($"Cannot create the epoll event loop: errno {errno}.");
        }

        _thread = new Thread(Run) { IsBackground = true, Name = $"RoutingCore epoll {index}" };
    }

    public EpollTransport Transport { get; }

    /// <summary>The loop's number, 0 to the loop count - 1.</summary>
    public int Index { get; }

    /// <summary>
    /// The loop's receive buffer (<see cref="SocketProxyOptions.BufferSize"/>, pinned): every direction of every
    /// connection reads into it and sends from it, so a connection holds a buffer only while its peer cannot take data.
    /// </summary>
    public byte* Scratch { get; }

    public int ScratchLength => _scratch.Length;

    /// <summary>The clock reading taken when the current batch of events arrived.</summary>
    public long Now { get; private set; }

    /// <summary>The loop's epoll descriptor.</summary>
    public int Epoll => _epoll;

    /// <summary>Completes when the loop thread has ended.</summary>
    public Task Stopped => _stopped.Task;

    public void Start() => _thread.Start();

    /// <summary>Releases the descriptors of a loop that was never started.</summary>
    public void CloseUnstarted() => CloseDescriptors();

    /// <summary>Runs <paramref name="command"/> on the loop thread; false (and not run) when the loop has stopped.</summary>
    public bool Post(Action<EventLoop> command)
    {
        if (!_running)
        {
            return false;
        }

        _commands.Enqueue(command);
        if (Interlocked.Exchange(ref _wakePending, 1) == 0)
        {
            ulong one = 1;
            Native.Write(_wake, (byte*)&one, sizeof(ulong));
        }

        return true;
    }

    /// <summary>Gives <paramref name="handle"/> a slot; call on the loop thread.</summary>
    public void Register(LoopHandle handle)
    {
        int slot;
        if (_free.Count > 0)
        {
            slot = _free.Pop();
        }
        else
        {
            if (_used == _handles.Length)
            {
                Array.Resize(ref _handles, _handles.Length * 2);
            }

            slot = _used++;
        }

        _handles[slot] = handle;
        handle.Slot = slot;
    }

    /// <summary>Frees <paramref name="handle"/>'s slot once the current batch is handled; call on the loop thread.</summary>
    public void Release(LoopHandle handle)
    {
        if (handle.Slot >= 0)
        {
            _released.Add(handle.Slot);
            handle.Slot = -1;
        }
    }

    /// <summary>The epoll token of one of <paramref name="handle"/>'s descriptors.</summary>
    public static ulong Token(LoopHandle handle, uint tag) => ((ulong)tag << 32) | (uint)handle.Slot;

    /// <summary>Asks for <paramref name="connection"/> to be pumped again after this batch (it used up its turn).</summary>
    public void Defer(EpollConnection connection) => _deferred.Add(connection);

    /// <summary>Every connection of this loop (a snapshot, so the caller may close them while iterating).</summary>
    public List<EpollConnection> Connections()
    {
        var connections = new List<EpollConnection>();
        for (var i = 0; i < _used; i++)
        {
            if (_handles[i] is EpollConnection connection)
            {
                connections.Add(connection);
            }
        }

        return connections;
    }

    /// <summary>Stops the loop after the current command; call on the loop thread.</summary>
    public void StopAfterThisBatch() => _stopping = true;

    private void Run()
    {
        var events = stackalloc byte[MaxEvents * Native.EventSize];
        try
        {
            while (!_stopping)
            {
                var count = Native.EpollWait(_epoll, events, MaxEvents, _deferred.Count > 0 ? 0 : -1);
                if (count < 0)
                {
                    if (Marshal.GetLastPInvokeError() == Native.EIntr)
                    {
                        continue;
                    }

                    throw new InvalidOperationException($"epoll_wait failed: errno {Marshal.GetLastPInvokeError()}.");
                }

                Now = Transport.Proxy.Time.GetTimestamp();
                for (var i = 0; i < count; i++)
                {
                    var token = Native.EventData(events, i);
                    if (token == WakeToken)
                    {
                        RunCommands();
                    }
                    else if (_handles[(int)(uint)token] is { } handle)
                    {
                        Dispatch(handle, Native.EventFlags(events, i), (uint)(token >> 32));
                    }
                }

                RunDeferred();
                foreach (var slot in _released)
                {
                    _handles[slot] = null;
                    _free.Push(slot);
                }

                _released.Clear();
            }
        }
        finally
        {
            _running = false;
            CloseDescriptors();
            _stopped.TrySetResult();
        }
    }

    /// <summary>
    /// Hands an event to its handle. A handler that throws has hit a bug (nothing on this path uses exceptions for
    /// errors: system calls return codes): its connection is reset, and the loop and its other connections go on.
    /// </summary>
    private static void Dispatch(LoopHandle handle, uint events, uint tag)
    {
        try
        {
            handle.OnEvents(events, tag);
        }
        catch (Exception) when (handle is EpollConnection connection)
        {
            connection.Fail();
        }
    }

    private void RunCommands()
    {
        ulong value;
        Native.Read(_wake, (byte*)&value, sizeof(ulong));
        Volatile.Write(ref _wakePending, 0); // before draining: a command posted from now on writes the eventfd again
        while (_commands.TryDequeue(out var command))
        {
            try
            {
                command(this);
            }
            catch (Exception error) when (error is not OutOfMemoryException)
            {
                // A table change or sweep that failed on one connection must not stop the loop; the next one retries.
            }
        }
    }

    private void RunDeferred()
    {
        if (_deferred.Count == 0)
        {
            return;
        }

        (_resuming, _deferred) = (_deferred, _resuming);
        foreach (var connection in _resuming)
        {
            Dispatch(connection, 0, EpollConnection.ResumeTag);
        }

        _resuming.Clear();
    }

    private void CloseDescriptors()
    {
        if (_wake >= 0)
        {
            Native.Close(_wake);
        }

        if (_epoll >= 0)
        {
            Native.Close(_epoll);
        }
    }
}
