using System.Net;
using System.Runtime.InteropServices;

namespace L4Bench;

/// <summary>
/// A feasibility prototype, not RoutingCore code: a TCP relay on its own epoll loops (one per core, each with its own
/// SO_REUSEPORT listener, both sockets of a connection on the loop that accepted it, sockets created non-blocking,
/// MSG_MORE on the last data before a FIN). It answers one question for the connection-rate target: how much of the gap
/// to HAProxy is .NET's socket engine. Fixed backend, no selection, timeouts or metrics. Linux x86-64 only.
/// </summary>
internal static unsafe class EpollProxy
{
    public static Task<int> RunAsync(IPAddress backend, IPAddress vip)
    {
        var loops = Environment.ProcessorCount;
        for (var i = 0; i < loops; i++)
        {
            var loop = new Loop(backend, vip, [9001, 9002]);
            new Thread(loop.Run) { IsBackground = true, Name = "epoll-" + i }.Start();
        }

        Console.WriteLine("ready");
        return Task.Delay(Timeout.Infinite).ContinueWith(_ => 0, TaskScheduler.Default);
    }

    private sealed class Direction
    {
        public byte[] Buffer = null!;
        public int Offset;
        public int Length;
        public bool Ended;
        public bool Shut;
    }

    private sealed class Connection
    {
        public int Client;
        public int Upstream;
        public bool Connecting;
        public readonly Direction ToUpstream = new();
        public readonly Direction ToClient = new();
    }

    private sealed class Loop
    {
        private const int BufferSize = 64 * 1024;
        private readonly int _epoll;
        private readonly uint _backend;
        private readonly Dictionary<ulong, (int Fd, ushort Port)> _listeners = [];
        private readonly List<Connection?> _slots = [];
        private readonly Stack<int> _free = new();
        private readonly Stack<byte[]> _buffers = new();

        public Loop(IPAddress backend, IPAddress vip, int[] ports)
        {
            _epoll = Native.epoll_create1(Native.EPOLL_CLOEXEC);
            _backend = BitConverter.ToUInt32(backend.GetAddressBytes());
            foreach (var port in ports)
            {
                var fd = Native.socket(Native.AF_INET, Native.SOCK_STREAM | Native.SOCK_NONBLOCK | Native.SOCK_CLOEXEC, 0);
                SetInt(fd, Native.SOL_SOCKET, Native.SO_REUSEADDR, 1);
                SetInt(fd, Native.SOL_SOCKET, Native.SO_REUSEPORT, 1);
                SetInt(fd, Native.IPPROTO_TCP, Native.TCP_NODELAY, 1);
                var address = Address(BitConverter.ToUInt32(vip.GetAddressBytes()), (ushort)port);
                Check(Native.bind(fd, &address, sizeof(SockAddrIn)), "bind");
                Check(Native.listen(fd, 1024), "listen");
                var data = ulong.MaxValue - (ulong)port;
                _listeners[data] = (fd, (ushort)port);
                Add(fd, Native.EPOLLIN, data);
            }
        }

        public void Run()
        {
            var events = stackalloc EpollEvent[256];
            while (true)
            {
                var count = Native.epoll_wait(_epoll, events, 256, -1);
                for (var i = 0; i < count; i++)
                {
                    var data = events[i].Data;
                    if (_listeners.TryGetValue(data, out var listener))
                    {
                        Accept(listener.Fd, listener.Port);
                    }
                    else if (_slots[(int)(data >> 1)] is { } connection)
                    {
                        OnEvent(connection, (int)(data >> 1), (data & 1) == 1, events[i].Events);
                    }
                }
            }
        }

        private void Add(int fd, uint events, ulong data)
        {
            var e = new EpollEvent { Events = events, Data = data };
            Check(Native.epoll_ctl(_epoll, Native.EPOLL_CTL_ADD, fd, &e), "epoll_ctl");
        }

        private void Accept(int listener, ushort port)
        {
            while (true)
            {
                var client = Native.accept4(listener, null, null, Native.SOCK_NONBLOCK | Native.SOCK_CLOEXEC);
                if (client < 0)
                {
                    return; // EAGAIN, or a client gone before accept
                }

                var upstream = Native.socket(Native.AF_INET, Native.SOCK_STREAM | Native.SOCK_NONBLOCK | Native.SOCK_CLOEXEC, 0);
                SetInt(upstream, Native.IPPROTO_TCP, Native.TCP_NODELAY, 1);
                var target = Address(_backend, port);
                var connected = Native.connect(upstream, &target, sizeof(SockAddrIn));
                if (connected < 0 && Marshal.GetLastPInvokeError() != Native.EINPROGRESS)
                {
                    Abort(client, upstream);
                    continue;
                }

                var connection = new Connection { Client = client, Upstream = upstream, Connecting = connected < 0 };
                connection.ToUpstream.Buffer = Rent();
                connection.ToClient.Buffer = Rent();
                int slot;
                if (_free.Count > 0)
                {
                    slot = _free.Pop();
                    _slots[slot] = connection;
                }
                else
                {
                    slot = _slots.Count;
                    _slots.Add(connection);
                }

                const uint all = Native.EPOLLIN | Native.EPOLLOUT | Native.EPOLLRDHUP | Native.EPOLLET;
                Add(client, all, (ulong)slot << 1);
                Add(upstream, all, ((ulong)slot << 1) | 1);
            }
        }

        private void OnEvent(Connection c, int slot, bool upstream, uint events)
        {
            if (upstream && c.Connecting)
            {
                int error = 0, length = sizeof(int);
                Native.getsockopt(c.Upstream, Native.SOL_SOCKET, Native.SO_ERROR, &error, &length);
                if (error != 0 || (events & Native.EPOLLERR) != 0)
                {
                    Close(c, slot, reset: true);
                    return;
                }

                c.Connecting = false;
                events |= Native.EPOLLIN | Native.EPOLLOUT;
                if (!Pump(c, c.Client, c.Upstream, c.ToUpstream))
                {
                    Close(c, slot, reset: true);
                    return;
                }
            }

            if (c.Connecting)
            {
                return; // the client spoke before the upstream connected: read it once connected
            }

            var (from, to, forward, backward) = upstream ? (c.Upstream, c.Client, c.ToClient, c.ToUpstream) : (c.Client, c.Upstream, c.ToUpstream, c.ToClient);
            var ok = true;
            if ((events & (Native.EPOLLIN | Native.EPOLLRDHUP | Native.EPOLLHUP | Native.EPOLLERR)) != 0)
            {
                ok = Pump(c, from, to, forward);
            }

            if (ok && (events & Native.EPOLLOUT) != 0 && backward.Length > 0)
            {
                // Writable again: finish what the other direction could not send, then let it read on.
                ok = upstream ? Pump(c, c.Client, c.Upstream, c.ToUpstream) : Pump(c, c.Upstream, c.Client, c.ToClient);
            }

            if (!ok)
            {
                Close(c, slot, reset: true);
            }
            else if (c.ToUpstream.Shut && c.ToClient.Shut)
            {
                Close(c, slot, reset: false);
            }
        }

        /// <summary>Moves data from one socket to the other until EAGAIN; false on a reset or error.</summary>
        private static bool Pump(Connection c, int from, int to, Direction d)
        {
            while (true)
            {
                while (d.Length > 0)
                {
                    var sent = Native.send(to, (byte*)Unsafe(d.Buffer) + d.Offset, d.Length, Native.MSG_NOSIGNAL | (d.Ended ? Native.MSG_MORE : 0));
                    if (sent < 0)
                    {
                        return Marshal.GetLastPInvokeError() == Native.EAGAIN; // EPOLLOUT resumes
                    }

                    d.Offset += (int)sent;
                    d.Length -= (int)sent;
                }

                if (d.Ended)
                {
                    if (!d.Shut)
                    {
                        Native.shutdown(to, Native.SHUT_WR);
                        d.Shut = true;
                    }

                    return true;
                }

                var read = Native.recv(from, (byte*)Unsafe(d.Buffer), d.Buffer.Length, 0);
                if (read == 0)
                {
                    d.Ended = true;
                    continue;
                }

                if (read < 0)
                {
                    return Marshal.GetLastPInvokeError() == Native.EAGAIN;
                }

                (d.Offset, d.Length) = (0, (int)read);
                if (read < d.Buffer.Length)
                {
                    // Peek for the end before sending, so data and FIN go out together (MSG_MORE, then shutdown).
                    var more = Native.recv(from, (byte*)Unsafe(d.Buffer) + read, d.Buffer.Length - (int)read, 0);
                    if (more == 0)
                    {
                        d.Ended = true;
                    }
                    else if (more > 0)
                    {
                        d.Length += (int)more;
                    }
                    else if (Marshal.GetLastPInvokeError() != Native.EAGAIN)
                    {
                        return false;
                    }
                }
            }
        }

        private void Close(Connection c, int slot, bool reset)
        {
            if (reset)
            {
                Abort(c.Client, c.Upstream);
            }
            else
            {
                Native.close(c.Client);
                Native.close(c.Upstream);
            }

            _buffers.Push(c.ToUpstream.Buffer);
            _buffers.Push(c.ToClient.Buffer);
            _slots[slot] = null;
            _free.Push(slot);
        }

        private static void Abort(int client, int upstream)
        {
            var linger = new Linger { OnOff = 1, Seconds = 0 };
            Native.setsockopt(client, Native.SOL_SOCKET, Native.SO_LINGER, &linger, sizeof(Linger));
            Native.setsockopt(upstream, Native.SOL_SOCKET, Native.SO_LINGER, &linger, sizeof(Linger));
            Native.close(client);
            Native.close(upstream);
        }

        private byte[] Rent() => _buffers.Count > 0 ? _buffers.Pop() : GC.AllocateUninitializedArray<byte>(BufferSize, pinned: true);

        private static IntPtr Unsafe(byte[] pinned) => (IntPtr)System.Runtime.CompilerServices.Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(pinned));

        private static SockAddrIn Address(uint address, ushort port) =>
            new() { Family = Native.AF_INET, Port = (ushort)IPAddress.HostToNetworkOrder((short)port), Address = address };

        private static void SetInt(int fd, int level, int name, int value) => Native.setsockopt(fd, level, name, &value, sizeof(int));

        private static void Check(int result, string call)
        {
            if (result < 0)
            {
                throw new InvalidOperationException($"{call} failed: errno {Marshal.GetLastPInvokeError()}");
            }
        }
    }

    [StructLayout(LayoutKind.Sequential, Pack = 1)]
    private struct EpollEvent
    {
        public uint Events;
        public ulong Data;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct SockAddrIn
    {
        public ushort Family;
        public ushort Port;
        public uint Address;
        public ulong Zero;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Linger
    {
        public int OnOff;
        public int Seconds;
    }

    private static class Native
    {
        public const int AF_INET = 2, SOCK_STREAM = 1, SOCK_NONBLOCK = 0x800, SOCK_CLOEXEC = 0x80000, EPOLL_CLOEXEC = 0x80000;
        public const int SOL_SOCKET = 1, SO_REUSEADDR = 2, SO_ERROR = 4, SO_LINGER = 13, SO_REUSEPORT = 15, IPPROTO_TCP = 6, TCP_NODELAY = 1;
        public const int EPOLL_CTL_ADD = 1, SHUT_WR = 1, MSG_MORE = 0x8000, MSG_NOSIGNAL = 0x4000, EAGAIN = 11, EINPROGRESS = 115;
        public const uint EPOLLIN = 1, EPOLLOUT = 4, EPOLLERR = 8, EPOLLHUP = 0x10, EPOLLRDHUP = 0x2000, EPOLLET = 1u << 31;

        [DllImport("libc", SetLastError = true)] public static extern int epoll_create1(int flags);
        [DllImport("libc", SetLastError = true)] public static extern int epoll_ctl(int epfd, int op, int fd, EpollEvent* ev);
        [DllImport("libc", SetLastError = true)] public static extern int epoll_wait(int epfd, EpollEvent* events, int max, int timeout);
        [DllImport("libc", SetLastError = true)] public static extern int socket(int domain, int type, int protocol);
        [DllImport("libc", SetLastError = true)] public static extern int bind(int fd, SockAddrIn* address, int length);
        [DllImport("libc", SetLastError = true)] public static extern int listen(int fd, int backlog);
        [DllImport("libc", SetLastError = true)] public static extern int accept4(int fd, SockAddrIn* address, int* length, int flags);
        [DllImport("libc", SetLastError = true)] public static extern int connect(int fd, SockAddrIn* address, int length);
        [DllImport("libc", SetLastError = true)] public static extern nint recv(int fd, byte* buffer, nint length, int flags);
        [DllImport("libc", SetLastError = true)] public static extern nint send(int fd, byte* buffer, nint length, int flags);
        [DllImport("libc", SetLastError = true)] public static extern int shutdown(int fd, int how);
        [DllImport("libc", SetLastError = true)] public static extern int close(int fd);
        [DllImport("libc", SetLastError = true)] public static extern int setsockopt(int fd, int level, int name, void* value, int length);
        [DllImport("libc", SetLastError = true)] public static extern int getsockopt(int fd, int level, int name, void* value, int* length);
    }
}
