using YamlDotNet.Core;

namespace RoutingCore.Kubernetes.Manifests;

/// <summary>A YAML syntax error, with the (1-based) document it was found in.</summary>
internal sealed class OutlineException(int document, YamlException error) : Exception(error.Message, error)
{
    public int Document { get; } = document;

    public Mark Start { get; } = error.Start;
}
