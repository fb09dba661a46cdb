using RoutingCore.ProxyHost.Cli;

namespace RoutingCore.ProxyHost;

/// <summary>The sample proxy host's entry point.</summary>
internal static class Program
{
    public static Task<int> Main(string[] args) =>
        Commands.Build(Console.Out, Console.Error, TimeProvider.System).Parse(args).InvokeAsync();
}
