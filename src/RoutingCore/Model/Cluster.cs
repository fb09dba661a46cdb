using System.Collections.Immutable;

namespace RoutingCore.Model;

/// <summary>A core/v1 Namespace (cluster-scoped).</summary>
public sealed record Namespace : KubeObject
{
    /// <inheritdoc />
    public override ObjectKind Kind => ObjectKind.Namespace;
}

/// <summary>A core/v1 Node (cluster-scoped): where pods run and node ports listen.</summary>
public sealed record Node : KubeObject
{
    /// <inheritdoc />
    public override ObjectKind Kind => ObjectKind.Node;

    /// <summary>The node's addresses (InternalIP, ExternalIP, Hostname).</summary>
    public ImmutableArray<NodeAddress> Addresses { get; init; } = [];
}

/// <summary>One address of a node.</summary>
/// <param name="Type">InternalIP, ExternalIP or Hostname.</param>
/// <param name="Address">The address.</param>
public sealed record NodeAddress(string Type, string Address);

/// <summary>A core/v1 ConfigMap: stored for controller configuration (SEC-3).</summary>
public sealed record ConfigMap : KubeObject
{
    /// <inheritdoc />
    public override ObjectKind Kind => ObjectKind.ConfigMap;

    /// <summary>Text entries.</summary>
    public ImmutableSortedDictionary<string, string> Data { get; init; } = Labels.Empty;

    /// <summary>Binary entries.</summary>
    public ImmutableSortedDictionary<string, ImmutableArray<byte>> BinaryData { get; init; } = ImmutableSortedDictionary.Create<string, ImmutableArray<byte>>(StringComparer.Ordinal);
}

/// <summary>A core/v1 Secret; RoutingCore reads <c>kubernetes.io/tls</c> Secrets for Ingress TLS.</summary>
public sealed record Secret : KubeObject
{
    /// <summary>The type of a TLS Secret.</summary>
    public const string TlsType = "kubernetes.io/tls";

    /// <summary>The default type.</summary>
    public const string OpaqueType = "Opaque";

    /// <inheritdoc />
    public override ObjectKind Kind => ObjectKind.Secret;

    /// <summary>The secret's type; empty defaults to <c>Opaque</c> (SEC-2).</summary>
    public string Type { get; init; } = "";

    /// <summary>The entries (already decoded from base64).</summary>
    public ImmutableSortedDictionary<string, ImmutableArray<byte>> Data { get; init; } = ImmutableSortedDictionary.Create<string, ImmutableArray<byte>>(StringComparer.Ordinal);
}
