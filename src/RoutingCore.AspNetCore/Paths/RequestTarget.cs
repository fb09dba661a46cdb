namespace RoutingCore.AspNetCore.Paths;

/// <summary>
/// A request target split and normalised once per request: the normalised path, used for matching and forwarded
/// upstream alike (ING-P0), and the query, kept exactly as the client sent it.
/// </summary>
internal readonly struct RequestTarget
{
    private readonly string _raw;
    private readonly int _queryStart;
    private readonly int _queryLength;

    public RequestTarget(string path, string raw, int queryStart, int queryLength)
    {
        Path = path;
        _raw = raw;
        _queryStart = queryStart;
        _queryLength = queryLength;
    }

    /// <summary>The normalised path; starts with <c>/</c>.</summary>
    public string Path { get; }

    /// <summary>The query including its <c>?</c>, or empty.</summary>
    public ReadOnlySpan<char> Query => _raw.AsSpan(_queryStart, _queryLength);
}
