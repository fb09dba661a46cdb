using System.CommandLine;
using System.Reflection;

namespace RoutingCore.ProxyHost.Cli;

/// <summary>
/// The command line (System.CommandLine): <c>serve</c>, and <c>get</c>, <c>explain</c> and <c>lint</c> on
/// <c>--manifests</c> (offline) or <c>--server</c> (a running host's admin API), and <c>version</c>.
/// </summary>
internal static class Commands
{
    public static RootCommand Build(TextWriter output, TextWriter error, TimeProvider time)
    {
        // get, explain and lint read either the manifests or a running host; serve always reads manifests.
        var source = new ClusterSource();
        var root = new RootCommand("RoutingCore sample proxy host: runs what Kubernetes manifests describe on one machine.");
        root.Subcommands.Add(Serve(output));
        root.Subcommands.Add(Get(source, output, error, time));
        root.Subcommands.Add(Explain(source, output, error, time));
        root.Subcommands.Add(Lint(source, output, error, time));
        root.Subcommands.Add(Version(output));
        return root;
    }

    private static Command Serve(TextWriter output)
    {
        var manifests = new Option<string[]>("--manifests", "-f")
        {
            Description = "Manifest files or directories (.yaml, .yml, .json; directories are read recursively).",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var http = new Option<int>("--http-port") { Description = "Ingress proxy HTTP port.", DefaultValueFactory = _ => 8080 };
        var https = new Option<int>("--https-port") { Description = "Ingress proxy HTTPS port.", DefaultValueFactory = _ => 8443 };
        var admin = new Option<int>("--admin-port") { Description = "Admin API port (loopback).", DefaultValueFactory = _ => 9901 };
        var node = new Option<string>("--node-address") { Description = "This node's address (loopback keeps everything on this machine).", DefaultValueFactory = _ => "127.0.0.1" };
        var podCidr = new Option<string>("--pod-cidr") { Description = "Pod addresses.", DefaultValueFactory = _ => "127.1.0.0/16" };
        var serviceCidr = new Option<string>("--service-cidr") { Description = "ClusterIP addresses (the kubernetes Service takes the first).", DefaultValueFactory = _ => "127.2.0.0/16" };
        var lbPool = new Option<string>("--load-balancer-pool") { Description = "LoadBalancer addresses (CIDR or a-b range).", DefaultValueFactory = _ => "127.3.0.0/24" };
        var withoutClass = new Option<bool>("--watch-ingress-without-class") { Description = "Serve Ingresses that name no class.", DefaultValueFactory = _ => true };
        var ingressClass = new Option<string?>("--ingress-class") { Description = "The legacy ingress.class annotation value to serve." };
        var configMap = new Option<string?>("--controller-configmap") { Description = "NAMESPACE/NAME of the controller ConfigMap (ingress-nginx key names)." };
        var command = new Command("serve", "Run what the manifests describe: demo pods, the Ingress proxy, the admin API; reload on change.")
        {
            manifests, http, https, admin, node, podCidr, serviceCidr, lbPool, withoutClass, ingressClass, configMap,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new Serving.ServeOptions
            {
                Manifests = parse.GetValue(manifests)!,
                HttpPort = parse.GetValue(http),
                HttpsPort = parse.GetValue(https),
                AdminPort = parse.GetValue(admin),
                NodeAddress = parse.GetValue(node)!,
                PodCidr = parse.GetValue(podCidr)!,
                ServiceCidr = parse.GetValue(serviceCidr)!,
                LoadBalancerPool = parse.GetValue(lbPool)!,
                WatchIngressWithoutClass = parse.GetValue(withoutClass),
                IngressClass = parse.GetValue(ingressClass),
                ControllerConfigMap = parse.GetValue(configMap),
            };
            return await new Serving.ServeHost(options, output).RunAsync(cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static Command Get(ClusterSource source, TextWriter output, TextWriter error, TimeProvider time)
    {
        var kind = new Argument<string>("kind") { Description = "What to list: " + ResourceNames.Known + "." };
        var name = new Argument<string?>("name") { Description = "One object by name.", Arity = ArgumentArity.ZeroOrOne };
        var ns = new Option<string>("--namespace", "-n") { Description = "The namespace.", DefaultValueFactory = _ => "default" };
        var all = new Option<bool>("--all-namespaces", "-A") { Description = "List across all namespaces." };
        var format = new Option<string?>("--output", "-o") { Description = "wide, yaml or json." };
        format.AcceptOnlyFromAmong("wide", "yaml", "json");
        var command = new Command("get", "Display objects as kubectl does.") { kind, name, ns, all, format };
        source.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!GetRequest.TryCreate(parse.GetValue(kind)!, parse.GetValue(name), parse.GetValue(ns)!, parse.GetValue(all), parse.GetValue(format), error, out var request))
            {
                return 1;
            }

            return source.ServerOf(parse) is { } server
                ? await RemoteCommands.GetAsync(server, request, output, error, time, cancellationToken).ConfigureAwait(false)
                : OfflineCommands.Get(parse.GetValue(source.Manifests)!, request, output, error, time);
        });
        return command;
    }

    private static Command Explain(ClusterSource source, TextWriter output, TextWriter error, TimeProvider time)
    {
        var url = new Argument<string>("url") { Description = "The request to explain, such as http://www.example.com/foo." };
        var command = new Command("explain", "Show how a request would be routed, and why.") { url };
        source.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var text = parse.GetValue(url)!;
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                error.WriteLine($"error: \"{text}\" is not an http or https URL");
                return 1;
            }

            return source.ServerOf(parse) is { } server
                ? await RemoteCommands.ExplainAsync(server, text, output, error, cancellationToken).ConfigureAwait(false)
                : OfflineCommands.Explain(parse.GetValue(source.Manifests)!, uri, output, error, time);
        });
        return command;
    }

    private static Command Lint(ClusterSource source, TextWriter output, TextWriter error, TimeProvider time)
    {
        var command = new Command("lint", "Report Ingress rules that do not do what they seem to (exit code 1 when there are findings).");
        source.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
            source.ServerOf(parse) is { } server
                ? await RemoteCommands.LintAsync(server, output, error, cancellationToken).ConfigureAwait(false)
                : OfflineCommands.Lint(parse.GetValue(source.Manifests)!, output, error, time));
        return command;
    }

    private static Command Version(TextWriter output)
    {
        var command = new Command("version", "Print the version.");
        command.SetAction(_ =>
        {
            var version = typeof(Commands).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
            output.WriteLine($"routingcore-proxyhost {version} (RoutingCore {typeof(RoutingCore.State.ClusterState).Assembly.GetName().Version})");
            return 0;
        });
        return command;
    }
}
