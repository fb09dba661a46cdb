using RoutingCore.Model;

namespace RoutingCore.ProxyHost.Cli;

/// <summary>
/// <c>get</c>, <c>explain</c> and <c>lint</c> against a running host (<c>--server</c>): each asks the admin API and
/// prints the answer through the same code as the offline commands.
/// </summary>
internal static class RemoteCommands
{
    public static Task<int> GetAsync(Uri server, GetRequest request, TextWriter output, TextWriter error, TimeProvider time, CancellationToken cancellationToken) =>
        AdminClient.RunAsync(server, error, async client =>
        {
            var response = await client.GetAsync(request.AdminPath, "application/json", cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccess)
            {
                error.WriteLine(response.ErrorLine());
                return 1;
            }

            IReadOnlyList<KubeObject> objects;
            try
            {
                objects = request.Name is null
                    ? ServerObjects.ReadList(response.Body, request.Kind)
                    : [ServerObjects.ReadOne(response.Body, request.Kind)];
            }
            catch (FormatException problem)
            {
                error.WriteLine($"error: the server's answer to {request.AdminPath} is not what a routingcore-proxyhost admin API sends: {problem.Message}");
                return 1;
            }

            return CliOutput.Get(objects, request, output, error, time);
        }, cancellationToken);

    public static Task<int> ExplainAsync(Uri server, string url, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        AdminClient.RunAsync(server, error, async client =>
        {
            var response = await client.GetAsync("/explain?url=" + Uri.EscapeDataString(url), "text/plain", cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccess)
            {
                error.WriteLine(response.ErrorLine());
                return 1;
            }

            output.WriteLine(response.Body.TrimEnd('\n'));
            return 0;
        }, cancellationToken);

    /// <summary>
    /// The findings come as JSON (<c>{"findings": [...]}</c>, what /lint answers to <c>Accept: application/json</c>), so
    /// the exit code is the count of findings, not a guess from the text a person reads.
    /// </summary>
    public static Task<int> LintAsync(Uri server, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        AdminClient.RunAsync(server, error, async client =>
        {
            var response = await client.GetAsync("/lint", LintFindings.MediaType, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccess)
            {
                error.WriteLine(response.ErrorLine());
                return 1;
            }

            if (!response.IsJson || LintFindings.TryRead(response.Body) is not { } findings)
            {
                error.WriteLine("error: the server did not answer /lint with its findings as JSON; is it a routingcore-proxyhost of this version?");
                return 1;
            }

            return CliOutput.Lint(findings, output);
        }, cancellationToken);
}
