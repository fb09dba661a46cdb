using RoutingCore.Model;

namespace RoutingCore.Kubernetes.Manifests;

/// <summary>An object read from a manifest, in the RoutingCore model, with where it was declared.</summary>
/// <param name="Object">The object (namespace defaulted; server-set metadata such as uid and resourceVersion cleared).</param>
/// <param name="Source">Where it was declared.</param>
public sealed record ManifestObject(KubeObject Object, ManifestSource Source);
