namespace RoutingCore.AspNetCore.Hosting;

/// <summary>What the proxy does with <c>%2F</c> and <c>%5C</c> in a request path (ING-P0).</summary>
public enum EncodedSlashHandling
{
    /// <summary>Keep them encoded: they never separate segments, for matching or upstream (the default).</summary>
    Keep,

    /// <summary>Refuse the request with 400.</summary>
    Reject,
}
