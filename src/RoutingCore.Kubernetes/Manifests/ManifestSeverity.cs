namespace RoutingCore.Kubernetes.Manifests;

/// <summary>How serious a <see cref="ManifestDiagnostic"/> is.</summary>
public enum ManifestSeverity
{
    /// <summary>The file set is not applied.</summary>
    Error,

    /// <summary>Something was skipped (an unsupported kind); the rest applies.</summary>
    Warning,
}
