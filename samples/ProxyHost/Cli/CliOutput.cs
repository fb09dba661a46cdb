using RoutingCore.Kubernetes.Output;
using RoutingCore.Model;

namespace RoutingCore.ProxyHost.Cli;

/// <summary>
/// What <c>get</c> and <c>lint</c> print, whether the objects were computed from manifests or fetched from a running
/// host: one code path, so that <c>--manifests</c> and <c>--server</c> print alike.
/// </summary>
internal static class CliOutput
{
    /// <summary>Prints <paramref name="objects"/> as <c>kubectl get</c> does (table, wide, yaml or json); the exit code.</summary>
    /// <param name="objects">The objects, in kubectl's order; exactly one when the request names one.</param>
    /// <param name="request">The request, for the format, the scope and whether one object was named.</param>
    /// <param name="output">Standard output.</param>
    /// <param name="error">Standard error.</param>
    /// <param name="time">The clock ages are measured with, against each object's creationTimestamp.</param>
    public static int Get(IReadOnlyList<KubeObject> objects, GetRequest request, TextWriter output, TextWriter error, TimeProvider time)
    {
        var one = request.Name is not null && objects.Count == 1;
        switch (request.Format)
        {
            case "yaml":
                output.Write(one ? KubectlPrinter.PrintYaml(objects[0]) : KubectlPrinter.PrintYaml(objects));
                return 0;
            case "json":
                output.WriteLine(one ? KubectlPrinter.PrintJson(objects[0]) : KubectlPrinter.PrintJson(objects));
                return 0;
        }

        if (!KubectlPrinter.HasTable(request.Kind))
        {
            error.WriteLine($"error: there is no table for {request.Kind.Resource()}; use -o yaml or -o json");
            return 1;
        }

        if (objects.Count == 0)
        {
            error.WriteLine(KubectlPrinter.NoResourcesFound(request.Scope));
            return 0;
        }

        var options = new KubectlTableOptions { Wide = request.Format == "wide", AllNamespaces = request.AllNamespaces && request.Kind.IsNamespaced() };
        output.Write(new KubectlPrinter(time).PrintTable(objects, options));
        return 0;
    }

    /// <summary>Prints the lint findings one a line, or <c>no findings</c>; the exit code is 1 when there are findings.</summary>
    public static int Lint(IReadOnlyList<string> findings, TextWriter output)
    {
        foreach (var finding in findings)
        {
            output.WriteLine(finding);
        }

        if (findings.Count == 0)
        {
            output.WriteLine("no findings");
        }

        return findings.Count == 0 ? 0 : 1;
    }
}
