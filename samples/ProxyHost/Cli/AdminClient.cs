using System.Net.Http.Headers;
using System.Net.Sockets;

namespace RoutingCore.ProxyHost.Cli;

/// <summary>
/// The HTTP side of <c>--server</c>: one <see cref="HttpClient"/> per invocation, GETs of admin API paths, and
/// kubectl's one-line messages when the server cannot be reached or answers an error.
/// </summary>
/// <remarks>
/// No proxy: the admin API listens on loopback, and an HTTP_PROXY in the environment must not capture requests to it.
/// Reaching the server is the one failure that is not the user's data, so it is reported the way kubectl reports it
/// (<c>The connection to the server ... was refused</c>) and never as a stack trace.
/// </remarks>
internal sealed class AdminClient : IDisposable
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    private readonly HttpClient _client;
    private readonly string _base;

    private AdminClient(Uri server)
    {
        _client = new HttpClient(new SocketsHttpHandler { UseProxy = false, ConnectTimeout = TimeSpan.FromSeconds(10) }) { Timeout = RequestTimeout };

        // A path prefix in --server (a host behind a reverse proxy) is kept; admin paths are appended to it.
        _base = server.GetLeftPart(UriPartial.Path).TrimEnd('/');
    }

    /// <summary>
    /// Runs <paramref name="action"/> with a client for <paramref name="server"/>, disposed afterwards; when the server
    /// cannot be reached, writes kubectl's one-line message to <paramref name="error"/> and returns 1.
    /// </summary>
    public static async Task<int> RunAsync(Uri server, TextWriter error, Func<AdminClient, Task<int>> action, CancellationToken cancellationToken)
    {
        using var client = new AdminClient(server);
        var endpoint = $"{server.Host}:{server.Port}";
        try
        {
            return await action(client).ConfigureAwait(false);
        }
        catch (HttpRequestException failure) when (failure.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
        {
            error.WriteLine($"The connection to the server {endpoint} was refused - did you specify the right host or port?");
        }
        catch (HttpRequestException failure)
        {
            error.WriteLine($"Unable to connect to the server {endpoint}: {failure.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient reports its own timeout as a cancellation; only the caller's token means "stop".
            error.WriteLine($"Unable to connect to the server {endpoint}: no answer within {RequestTimeout.TotalSeconds:0} s");
        }

        return 1;
    }

    /// <summary>GETs <paramref name="pathAndQuery"/> asking for <paramref name="accept"/>; the status and the body, whatever the status.</summary>
    public async Task<AdminResponse> GetAsync(string pathAndQuery, string accept, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_base + pathAndQuery, UriKind.Absolute));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        using var response = await _client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return new AdminResponse(response.StatusCode, response.Content.Headers.ContentType?.MediaType, body);
    }

    public void Dispose() => _client.Dispose();
}
