using System.Buffers;

namespace RoutingCore.AspNetCore.Paths;

/// <summary>
/// ING-P0: turns the raw request target into the path that is matched and forwarded. Algorithm: take the path part
/// (up to <c>?</c> or <c>#</c>; the path of an absolute-form target; <c>/</c> when empty), then in one pass decode
/// percent-encoded unreserved characters (RFC 3986 §2.3), keep every other escape with upper-case hex, refuse NUL and
/// control bytes raw or encoded, keep or refuse <c>%2F</c> and <c>%5C</c>; then remove dot segments (RFC 3986 §5.2.4)
/// in place, optionally merging repeated slashes.
/// </summary>
/// <remarks>
/// The subtle point is the order: decoding comes first, so <c>%2e%2e</c> is a dot segment and is resolved, while
/// <c>%2F</c> never becomes a separator, so <c>/a%2F..</c> stays one segment. The fast path returns the raw path
/// without copying when nothing in it could change.
/// </remarks>
internal static class PathNormalizer
{
    private static readonly SearchValues<char> Unreserved =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~");

    public static PathStatus Normalize(string raw, bool rejectEncodedSlashes, bool mergeSlashes, out RequestTarget target)
    {
        target = default;
        var pathStart = 0;
        if (raw.Length == 0 || raw[0] != '/')
        {
            // Absolute form (RFC 9112 §3.2.2): skip scheme://authority; asterisk and authority forms carry no path.
            var scheme = raw.IndexOf("://", StringComparison.Ordinal);
            if (scheme <= 0)
            {
                return raw.Length == 0 ? Finish(raw, "/", 0, 0, out target) : PathStatus.NotAPath;
            }

            var slash = raw.AsSpan(scheme + 3).IndexOfAny('/', '?', '#');
            pathStart = slash < 0 ? raw.Length : scheme + 3 + slash;
        }

        var rest = raw.AsSpan(pathStart);
        var pathLength = rest.IndexOfAny('?', '#');
        pathLength = pathLength < 0 ? rest.Length : pathLength;
        var queryStart = pathStart + pathLength;
        var queryLength = raw.AsSpan(queryStart).IndexOf('#') is var hash and >= 0 ? hash : raw.Length - queryStart;
        var path = rest[..pathLength];
        if (path.IsEmpty || path[0] != '/')
        {
            return path.IsEmpty ? Finish(raw, "/", queryStart, queryLength, out target) : PathStatus.NotAPath;
        }

        if (!NeedsWork(path, mergeSlashes))
        {
            // PERF: the common case (plain paths) allocates nothing when the target has no query.
            return Finish(raw, pathLength == raw.Length ? raw : path.ToString(), queryStart, queryLength, out target);
        }

        char[]? rented = null;
        Span<char> buffer = path.Length <= 512 ? stackalloc char[path.Length * 3] : (rented = ArrayPool<char>.Shared.Rent(path.Length * 3));
        try
        {
            var status = Decode(path, buffer, rejectEncodedSlashes, out var decoded);
            if (status != PathStatus.Ok)
            {
                return status;
            }

            var length = RemoveDotSegments(buffer[..decoded], mergeSlashes);
            return Finish(raw, new string(buffer[..length]), queryStart, queryLength, out target);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>True when <paramref name="value"/> is an absolute path that normalisation leaves unchanged.</summary>
    public static bool IsNormalizedAbsolutePath(string value) =>
        value.StartsWith('/') && !value.AsSpan().ContainsAny("?# ")
        && Normalize(value, rejectEncodedSlashes: false, mergeSlashes: false, out var target) == PathStatus.Ok
        && target.Path == value;

    private static PathStatus Finish(string raw, string path, int queryStart, int queryLength, out RequestTarget target)
    {
        target = new RequestTarget(path, raw, queryStart, queryLength);
        return PathStatus.Ok;
    }

    private static bool NeedsWork(ReadOnlySpan<char> path, bool mergeSlashes)
    {
        for (var i = 0; i < path.Length; i++)
        {
            var c = path[i];
            if (c is '%' or < ' ' or '\u007f'
                || (c == '/' && i + 1 < path.Length && (path[i + 1] == '.' || (mergeSlashes && path[i + 1] == '/'))))
            {
                return true;
            }
        }

        return false;
    }

    private static PathStatus Decode(ReadOnlySpan<char> path, Span<char> output, bool rejectEncodedSlashes, out int written)
    {
        written = 0;
        for (var i = 0; i < path.Length; i++)
        {
            var c = path[i];
            if (c is < ' ' or '\u007f')
            {
                return PathStatus.ControlCharacter;
            }

            if (c != '%')
            {
                output[written++] = c;
                continue;
            }

            if (i + 2 >= path.Length || !char.IsAsciiHexDigit(path[i + 1]) || !char.IsAsciiHexDigit(path[i + 2]))
            {
                return PathStatus.InvalidEncoding;
            }

            var value = (char)((HexValue(path[i + 1]) << 4) | HexValue(path[i + 2]));
            i += 2;
            if (value is < ' ' or '\u007f')
            {
                return PathStatus.ControlCharacter;
            }

            if (Unreserved.Contains(value))
            {
                output[written++] = value;
                continue;
            }

            if (value is '/' or '\\' && rejectEncodedSlashes)
            {
                return PathStatus.EncodedSlash;
            }

            output[written++] = '%';
            output[written++] = char.ToUpperInvariant(path[i - 1]);
            output[written++] = char.ToUpperInvariant(path[i]);
        }

        return PathStatus.Ok;
    }

    /// <summary>RFC 3986 §5.2.4 over '/'-separated segments, in place; returns the new length.</summary>
    private static int RemoveDotSegments(Span<char> path, bool mergeSlashes)
    {
        var write = 0;
        var read = 0;
        while (read < path.Length)
        {
            // path[read] is '/': the segment runs to the next '/' or the end.
            var next = path[(read + 1)..].IndexOf('/');
            var end = next < 0 ? path.Length : read + 1 + next;
            var segment = path[(read + 1)..end];
            var last = end == path.Length;
            if (segment is ".")
            {
                if (last)
                {
                    path[write++] = '/';
                }
            }
            else if (segment is "..")
            {
                write = Math.Max(0, path[..write].LastIndexOf('/'));
                if (last)
                {
                    path[write++] = '/';
                }
            }
            else if (!(segment.IsEmpty && mergeSlashes && !last))
            {
                path[write++] = '/';
                segment.CopyTo(path[write..]);
                write += segment.Length;
            }

            read = end;
        }

        if (write == 0)
        {
            path[write++] = '/';
        }

        return write;
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
