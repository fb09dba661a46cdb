using System.CommandLine;

namespace RoutingCore.ProxyHost.Cli;

/// <summary>
/// Where <c>get</c>, <c>explain</c> and <c>lint</c> read the cluster from: the manifests, computed offline
/// (<c>--manifests</c>), or a running host's admin API (<c>--server</c>). Exactly one must be given; validators report
/// anything else as a usage error before any action runs, so no action has to guess which was meant.
/// </summary>
internal sealed class ClusterSource
{
    public ClusterSource()
    {
        Manifests = new Option<string[]>("--manifests", "-f")
        {
            Description = "Manifest files or directories (.yaml, .yml, .json; directories are read recursively), computed offline.",
            AllowMultipleArgumentsPerToken = true,
        };
        Server = new Option<string?>("--server", "-s")
        {
            Description = "A running host's admin API instead of manifests, such as http://127.0.0.1:9901 (serve --admin-port).",
        };
        Server.Validators.Add(result =>
        {
            var text = result.GetValueOrDefault<string?>();
            if (!TryParseServer(text, out _))
            {
                result.AddError($"--server: \"{text}\" is not an absolute http or https URL without query or fragment, such as http://127.0.0.1:9901");
            }
        });
    }

    public Option<string[]> Manifests { get; }

    public Option<string?> Server { get; }

    /// <summary>Adds both options to <paramref name="command"/>, and the rule that exactly one of them is given.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Manifests);
        command.Options.Add(Server);
        command.Validators.Add(result =>
        {
            var manifests = result.GetResult(Manifests) is not null;
            var server = result.GetResult(Server) is not null;
            if (manifests && server)
            {
                result.AddError("--manifests and --server cannot be used together: read the manifests offline, or ask a running host.");
            }
            else if (!manifests && !server)
            {
                result.AddError("Either --manifests (-f) or --server (-s) is required.");
            }
        });
    }

    /// <summary>The server to ask, or null when the manifests are to be read (the validators have run by then).</summary>
    public Uri? ServerOf(ParseResult parse) =>
        TryParseServer(parse.GetValue(Server), out var server) ? server : null;

    private static bool TryParseServer(string? text, out Uri server)
    {
        server = null!;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            return false;
        }

        server = uri;
        return true;
    }
}
