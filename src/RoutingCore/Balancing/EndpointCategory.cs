namespace RoutingCore.Balancing;

/// <summary>How an endpoint may be used, from its EndpointSlice conditions (spec PX-3).</summary>
public enum EndpointCategory
{
    /// <summary>Neither ready nor serving-and-terminating: never used, even when nothing else exists (PX-3).</summary>
    Unusable = 0,

    /// <summary><c>serving &amp;&amp; terminating &amp;&amp; !ready</c>: used only when no endpoint is ready (PX-4, PX-5).</summary>
    ServingTerminating = 1,

    /// <summary><c>ready</c>: receives normal traffic.</summary>
    Ready = 2,
}
