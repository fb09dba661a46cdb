using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RoutingCore.Sockets.Epoll;

/// <summary>
/// The Linux system calls of the epoll transport, with the constants and the two layouts the kernel dictates:
/// <c>struct epoll_event</c> (packed to 12 bytes on x86-64, 16 bytes with padding on arm64) and <c>sockaddr_in</c> /
/// <c>sockaddr_in6</c>. Every call returns -1 and leaves errno for <see cref="Marshal.GetLastPInvokeError"/> on failure.
/// </summary>
internal static unsafe partial class Native
{
    public const int AfInet = 2, AfInet6 = 10, SockStream = 1, SockNonBlock = 0x800, SockCloExec = 0x80000;
    public const int SolSocket = 1, SoError = 4, SoLinger = 13, IpProtoTcp = 6, TcpNoDelay = 1;
    public const int EpollCloExec = 0x80000, EfdNonBlock = 0x800, EfdCloExec = 0x80000;
    public const int EpollCtlAdd = 1, EpollCtlDel = 2, EpollCtlMod = 3;
    public const int ShutWr = 1, ShutRdWr = 2, MsgNoSignal = 0x4000, MsgMore = 0x8000;
    public const int EIntr = 4, EAgain = 11, ENoMem = 12, ENFile = 23, EMFile = 24, ENoSpc = 28, EProto = 71, EAddrNotAvail = 99;
    public const int ENetUnreach = 101, EConnAborted = 103, ENoBufs = 105, ETimedOut = 110, EConnRefused = 111, EHostUnreach = 113, EInProgress = 115;
    public const uint EpollIn = 0x1, EpollOut = 0x4, EpollErr = 0x8, EpollHup = 0x10, EpollRdHup = 0x2000;
    public const uint EpollExclusive = 1u << 28, EpollEdgeTriggered = 1u << 31;

    /// <summary>The largest socket address the transport reads or writes (<c>sockaddr_in6</c>).</summary>
    public const int SockAddrSize = 28;

    /// <summary>Whether this process can run the transport: Linux on x86-64 or arm64 (the two epoll_event layouts known here).</summary>
    public static bool IsSupported =>
        OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64;

    /// <summary>The size of one <c>struct epoll_event</c>.</summary>
    public static int EventSize { get; } = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 12 : 16;

    /// <summary>Where <c>epoll_event.data</c> starts.</summary>
    private static int DataOffset { get; } = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 4 : 8;

    public static uint EventFlags(byte* events, int index) => Unsafe.ReadUnaligned<uint>(events + (index * EventSize));

    public static ulong EventData(byte* events, int index) => Unsafe.ReadUnaligned<ulong>(events + (index * EventSize) + DataOffset);

    /// <summary>Adds, modifies or removes <paramref name="fd"/> in <paramref name="epoll"/>; the errno on failure, else 0.</summary>
    public static int Control(int epoll, int operation, int fd, uint events, ulong data)
    {
        var buffer = stackalloc byte[16];
        Unsafe.WriteUnaligned(buffer, events);
        Unsafe.WriteUnaligned(buffer + DataOffset, data);
        return EpollCtl(epoll, operation, fd, buffer) == 0 ? 0 : Marshal.GetLastPInvokeError();
    }

    /// <summary>Writes <paramref name="address"/> and <paramref name="port"/> as a <c>sockaddr</c>; returns its length.</summary>
    public static int WriteAddress(IPAddress address, int port, byte* buffer)
    {
        new Span<byte>(buffer, SockAddrSize).Clear();
        var networkPort = (ushort)IPAddress.HostToNetworkOrder((short)port);
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            *(ushort*)buffer = AfInet;
            *(ushort*)(buffer + 2) = networkPort;
            address.TryWriteBytes(new Span<byte>(buffer + 4, 4), out _);
            return 16;
        }

        *(ushort*)buffer = AfInet6;
        *(ushort*)(buffer + 2) = networkPort;
        address.TryWriteBytes(new Span<byte>(buffer + 8, 16), out _);
        *(uint*)(buffer + 24) = (uint)address.ScopeId;
        return SockAddrSize;
    }

    /// <summary>The address in a <c>sockaddr</c> the kernel wrote (accept4), or null for a family other than IPv4/IPv6.</summary>
    public static IPAddress? ReadAddress(byte* buffer) => *(ushort*)buffer switch
    {
        AfInet => new IPAddress(new ReadOnlySpan<byte>(buffer + 4, 4)),
        AfInet6 => new IPAddress(new ReadOnlySpan<byte>(buffer + 8, 16), *(uint*)(buffer + 24)),
        _ => null,
    };

    public static int SetInt(int fd, int level, int name, int value) => SetSockOpt(fd, level, name, &value, sizeof(int));

    /// <summary>Arms SO_LINGER with a zero timeout, so the close that follows sends a reset.</summary>
    public static void LingerZero(int fd)
    {
        var linger = stackalloc int[2] { 1, 0 };
        SetSockOpt(fd, SolSocket, SoLinger, linger, 2 * sizeof(int));
    }

    /// <summary>The pending error of a socket (SO_ERROR), which also clears it.</summary>
    public static int PendingError(int fd)
    {
        int error = 0, length = sizeof(int);
        return GetSockOpt(fd, SolSocket, SoError, &error, &length) == 0 ? error : Marshal.GetLastPInvokeError();
    }

    [LibraryImport("libc", EntryPoint = "epoll_create1", SetLastError = true)]
    public static partial int EpollCreate(int flags);

    [LibraryImport("libc", EntryPoint = "epoll_ctl", SetLastError = true)]
    private static partial int EpollCtl(int epoll, int operation, int fd, byte* epollEvent);

    [LibraryImport("libc", EntryPoint = "epoll_wait", SetLastError = true)]
    public static partial int EpollWait(int epoll, byte* events, int maxEvents, int timeout);

    [LibraryImport("libc", EntryPoint = "eventfd", SetLastError = true)]
    public static partial int EventFd(uint initial, int flags);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int fd, byte* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(int fd, byte* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
    public static partial int Socket(int domain, int type, int protocol);

    [LibraryImport("libc", EntryPoint = "connect", SetLastError = true)]
    public static partial int Connect(int fd, byte* address, int length);

    [LibraryImport("libc", EntryPoint = "accept4", SetLastError = true)]
    public static partial int Accept(int fd, byte* address, int* length, int flags);

    [LibraryImport("libc", EntryPoint = "recv", SetLastError = true)]
    public static partial nint Receive(int fd, byte* buffer, nint length, int flags);

    [LibraryImport("libc", EntryPoint = "send", SetLastError = true)]
    public static partial nint Send(int fd, byte* buffer, nint length, int flags);

    [LibraryImport("libc", EntryPoint = "shutdown", SetLastError = true)]
    public static partial int Shutdown(int fd, int how);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    private static partial int SetSockOpt(int fd, int level, int name, void* value, int length);

    [LibraryImport("libc", EntryPoint = "getsockopt", SetLastError = true)]
    private static partial int GetSockOpt(int fd, int level, int name, void* value, int* length);
}
