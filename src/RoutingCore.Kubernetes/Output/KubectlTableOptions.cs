namespace RoutingCore.Kubernetes.Output;

/// <summary>Flags of <c>kubectl get</c> that shape a table.</summary>
public sealed record KubectlTableOptions
{
    /// <summary>The default options: the plain table.</summary>
    public static KubectlTableOptions Default { get; } = new();

    /// <summary><c>-o wide</c>: add the extra columns (pods: IP, NODE, NOMINATED NODE, READINESS GATES).</summary>
    public bool Wide { get; init; }

    /// <summary><c>-A</c>: add a leading NAMESPACE column (namespaced kinds only).</summary>
    public bool AllNamespaces { get; init; }

    /// <summary><c>--no-headers</c>: leave out the header row.</summary>
    public bool NoHeaders { get; init; }
}
