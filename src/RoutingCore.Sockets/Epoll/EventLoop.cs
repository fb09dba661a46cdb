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
/// connection or a connection's upstream socket, and a later event of the same batch may still name it; a closed
/// descriptor may even keep reporting for a moment while another reference to its file exists (a forked child before
/// exec, a listener another loop is still accepting on). So a token names more than a slot: bits 32–63 hold the
/// registration's incarnation (a counter per loop), bits 8–31 the slot and bits 0–7 a tag (which socket, which
/// connect attempt). An event whose incarnation does not match the slot's current handle is dropped, and handles
/// ignore tags they no longer use. Slots freed during a batch are reused only after it. Sockets are never removed
/// from epoll by number after they might have been closed: a closed descriptor leaves epoll by itself, and its number
/// may already belong to someone else.
/// </remarks>
internal sealed unsafe class EventLoop
{
    private const int MaxEvents = 256;
    private const int MaxSlots = 1 << 24;

    /// <summary>The eventfd's token: incarnation 0, which no handle has.</summary>
    private const ulong WakeToken = 0;

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
    private uint _incarnation;
    private int _wakePending;
    private int _running = 1;
    private int _posting;
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
    /// <remarks>
    /// Posters are counted, and the loop closes its eventfd only once it has stopped and no poster is between the
    /// check and the write, so a write never lands on a closed (or reused) descriptor; commands queued by then are run
    /// before it closes, so true always means the command runs.
    /// </remarks>
    public bool Post(Action<EventLoop> command)
    {
        Interlocked.Increment(ref _posting);
        try
        {
            if (Volatile.Read(ref _running) == 0)
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
        finally
        {
            Interlocked.Decrement(ref _posting);
        }
    }

    /// <summary>Gives <paramref name="handle"/> a slot and a new incarnation; call on the loop thread.</summary>
    /// <exception cref="InvalidOperationException">The loop has 2^24 handles already.</exception>
    public void Register(LoopHandle handle)
    {
        int slot;
        if (_free.Count > 0)
        {
            slot = _free.Pop();
        }
        else
        {
            if (_used == MaxSlots)
            {
                throw new InvalidOperationException($"An event loop holds at most {MaxSlots} connections.");
            }

            if (_used == _handles.Length)
            {
                Array.Resize(ref _handles, _handles.Length * 2);
            }

            slot = _used++;
        }

        _handles[slot] = handle;
        handle.Slot = slot;
        handle.Incarnation = ++_incarnation == 0 ? ++_incarnation : _incarnation; // 0 is the eventfd's
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

    /// <summary>The epoll token of one of <paramref name="handle"/>'s descriptors (<paramref name="tag"/> 0 to 255).</summary>
    public static ulong Token(LoopHandle handle, uint tag) => ((ulong)handle.Incarnation << 32) | ((uint)handle.Slot << 8) | (tag & 0xFF);

    /// <summary>Asks for <paramref name="connection"/> to be pumped again after this batch (it used up its turn).</summary>
    public void Defer(EpollConnection connection) => _deferred.Add(connection);

    /// <summary>
    /// Runs <paramref name="action"/> on every connection of this loop, over a snapshot (so it may close them); a
    /// connection on which it throws is reset, and the others still get their turn.
    /// </summary>
    public void ForEachConnection(Action<EpollConnection> action)
    {
        var connections = new List<EpollConnection>();
        for (var i = 0; i < _used; i++)
        {
            if (_handles[i] is EpollConnection connection)
            {
                connections.Add(connection);
            }
        }

        foreach (var connection in connections)
        {
            try
            {
                action(connection);
            }
            catch (Exception error) when (error is not OutOfMemoryException)
            {
                connection.Fail();
            }
        }
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
                    var slot = (int)((uint)token >> 8);
                    if (token == WakeToken)
                    {
                        RunCommands();
                    }
                    else if (slot < _used && _handles[slot] is { } handle && handle.Incarnation == (uint)(token >> 32))
                    {
                        Dispatch(handle, Native.EventFlags(events, i), (uint)token & 0xFF);
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
            Interlocked.Exchange(ref _running, 0);
            var wait = default(SpinWait);
            while (Volatile.Read(ref _posting) != 0)
            {
                wait.SpinOnce(); // a poster between its check and its eventfd write: a few instructions
            }

            // No command can be queued from here on; run those queued since the last drain, as Post promised.
            RunQueued();
            CloseDescriptors();
            _stopped.TrySetResult();
        }
    }

    /// <summary>
    /// Hands an event to its handle. A handler that throws has hit a bug or a throwing metrics listener (nothing on
    /// this path uses exceptions for errors: system calls return codes): its connection is reset, and the loop and
    /// its other connections go on.
    /// </summary>
    private static void Dispatch(LoopHandle handle, uint events, uint tag)
    {
        try
        {
            handle.OnEvents(events, tag);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            (handle as EpollConnection)?.Fail();
        }
    }

    private void RunCommands()
    {
        ulong value;
        Native.Read(_wake, (byte*)&value, sizeof(ulong));
        // Before draining, and a full fence (a plain store could pass the queue reads that follow): a command posted
        // from now on writes the eventfd again.
        Interlocked.Exchange(ref _wakePending, 0);
        RunQueued();
    }

    private void RunQueued()
    {
        while (_commands.TryDequeue(out var command))
        {
            try
            {
                command(this);
            }
            catch (Exception error) when (error is not OutOfMemoryException)
            {
                // A command that failed must not stop the loop; sweeps and table changes come again.
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
