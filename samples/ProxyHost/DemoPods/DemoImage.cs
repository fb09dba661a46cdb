namespace RoutingCore.ProxyHost.DemoPods;

/// <summary>The images the demo runtime can run in-process.</summary>
internal enum DemoImageKind
{
    /// <summary>Not runnable: the pod stays Pending.</summary>
    Unsupported,
    /// <summary>The ingress-conformance echoserver contract: JSON about the request, <c>/health</c> answers OK.</summary>
    EchoServer,
    /// <summary>The nginx welcome page on port 80.</summary>
    Nginx,
    /// <summary>ingress-nginx's default backend on port 8080: 404 <c>default backend - 404</c>, <c>/healthz</c> answers ok.</summary>
    DefaultBackend,
}

/// <summary>Classifies container images.</summary>
internal static class DemoImage
{
    /// <summary>What the demo runtime runs, in words, for the Pending reason of other images.</summary>
    public const string Supported = "the demo pod runtime runs images whose name contains \"echoserver\" (HTTP echo on $HTTP_PORT, default 3000) or \"defaultbackend\" (404 on port 8080), and \"nginx\" / \"nginx:<tag>\" (welcome page on port 80)";

    public static DemoImageKind Classify(string image)
    {
        if (image.Contains("echoserver", StringComparison.Ordinal))
        {
            return DemoImageKind.EchoServer;
        }

        if (image.Contains("defaultbackend", StringComparison.Ordinal))
        {
            return DemoImageKind.DefaultBackend;
        }

        var name = image;
        var at = name.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            name = name[..at];
        }

        var colon = name.LastIndexOf(':');
        if (colon > name.LastIndexOf('/'))
        {
            name = name[..colon];
        }

        return name is "nginx" or "docker.io/nginx" or "docker.io/library/nginx" or "library/nginx" ? DemoImageKind.Nginx : DemoImageKind.Unsupported;
    }
}
