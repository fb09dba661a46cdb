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
    /// <summary>
    /// The ingress-nginx controller: the sample host is the controller, so the pod forwards its HTTP and HTTPS ports to
    /// the host's Ingress proxy and answers <c>/healthz</c> on the controller's health port.
    /// </summary>
    IngressController,
}

/// <summary>Classifies container images.</summary>
internal static class DemoImage
{
    /// <summary>What the demo runtime runs, in words, for the Pending reason of other images.</summary>
    public const string Supported = "the demo pod runtime runs images whose name contains \"echoserver\" (HTTP echo on $HTTP_PORT, default 3000) or \"defaultbackend\" (404 on port 8080), \"nginx\" / \"nginx:<tag>\" (welcome page on port 80), and the ingress-nginx controller (forwarded to this host's Ingress proxy)";

    public static DemoImageKind Classify(string image)
    {
        // registry.k8s.io/ingress-nginx/controller (today) and .../nginx-ingress-controller (older walkthroughs).
        if (image.Contains("ingress-nginx/controller", StringComparison.Ordinal) || image.Contains("nginx-ingress-controller", StringComparison.Ordinal))
        {
            return DemoImageKind.IngressController;
        }

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
