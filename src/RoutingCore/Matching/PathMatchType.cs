namespace RoutingCore.Matching;

/// <summary>How a rule's path is compared with the request path (Kubernetes Ingress <c>pathType</c>).</summary>
public enum PathMatchType
{
    /// <summary>
    /// The request path must equal the rule path byte for byte, case-sensitively; a trailing slash counts on both sides
    /// (<c>/foo</c> does not match <c>/foo/</c>).
    /// </summary>
    Exact,

    /// <summary>
    /// Element-wise prefix over <c>/</c>-separated segments: with <c>p</c> the rule path minus one trailing <c>/</c>,
    /// the rule matches when <c>p</c> is empty, the request path equals <c>p</c>, or it starts with <c>p + "/"</c>.
    /// <c>/aaa/bb</c> does not match <c>/aaa/bbb</c>.
    /// </summary>
    Prefix,

    /// <summary>
    /// Matched exactly like <see cref="Prefix"/>, with an empty path meaning <c>/</c>; ranks just below
    /// <see cref="Prefix"/> when both match with the same length.
    /// </summary>
    ImplementationSpecific,
}
