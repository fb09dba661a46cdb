namespace RoutingCore.ProxyHost.Cli;

/// <summary>
/// <c>get</c>, <c>explain</c> and <c>lint</c> on <c>--manifests</c>: the cluster is computed with
/// <see cref="OfflineCluster"/> and printed through the same code as the remote commands.
/// </summary>
internal static class OfflineCommands
{
    public static int Get(IReadOnlyList<string> manifests, GetRequest request, TextWriter output, TextWriter error, TimeProvider time)
    {
        var cluster = OfflineCluster.Load(manifests, new AddressPlan(), time);
        if (cluster.ReportProblems(error))
        {
            return 1;
        }

        var objects = cluster.State.Current.List(request.Kind, request.Scope).ToList();
        if (request.Name is { } wanted)
        {
            objects = objects.Where(o => o.Name == wanted).ToList();
            if (objects.Count == 0)
            {
                error.WriteLine(request.NotFound);
                return 1;
            }
        }

        return CliOutput.Get(objects, request, output, error, time);
    }

    public static int Explain(IReadOnlyList<string> manifests, Uri url, TextWriter output, TextWriter error, TimeProvider time)
    {
        var cluster = OfflineCluster.Load(manifests, new AddressPlan(), time);
        if (cluster.ReportProblems(error))
        {
            return 1;
        }

        output.WriteLine(cluster.Ingress.Current.Explain(url.Authority, url.PathAndQuery));
        return 0;
    }

    public static int Lint(IReadOnlyList<string> manifests, TextWriter output, TextWriter error, TimeProvider time)
    {
        var cluster = OfflineCluster.Load(manifests, new AddressPlan(), time);
        if (cluster.ReportProblems(error))
        {
            return 1;
        }

        return CliOutput.Lint([.. cluster.Ingress.Current.Diagnostics.Select(d => d.ToString())], output);
    }
}
