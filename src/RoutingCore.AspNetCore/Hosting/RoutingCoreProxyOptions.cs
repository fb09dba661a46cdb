using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Http;
using RoutingCore.AspNetCore.Settings;
using RoutingCore.Routing;
using RoutingCore.State;

namespace RoutingCore.AspNetCore.Hosting;

/// <summary>Configuration of the RoutingCore L7 Ingress proxy (<c>services.AddRoutingCore(options =&gt; ...)</c>).</summary>
public sealed class RoutingCoreProxyOptions
{
    /// <summary>The store's options, when <c>AddRoutingCore</c> creates the store.</summary>
    public ClusterStateOptions ClusterState { get; set; } = new();

    /// <summary>Which Ingresses are ours, published addresses, ExternalName backends (spec §5, §6).</summary>
    public IngressControllerOptions Ingress { get; set; } = new();

    /// <summary>Run the store's controllers in the background while the host runs (on by default).</summary>
    public bool RunControllers { get; set; } = true;

    /// <summary>The namespace of the controller ConfigMap; null for none.</summary>
    public string? ConfigMapNamespace { get; set; }

    /// <summary>The name of the controller ConfigMap (ingress-nginx key names); null for none.</summary>
    public string? ConfigMapName { get; set; }

    /// <summary>The settings the ConfigMap's keys override.</summary>
    public ControllerSettings Defaults { get; set; } = ControllerSettings.Default;

    /// <summary>
    /// Peers whose X-Forwarded-* and X-Real-IP headers are trusted and extended rather than replaced; empty by
    /// default (the ConfigMap's <c>use-forwarded-headers</c> adds <c>proxy-real-ip-cidr</c>).
    /// </summary>
    public IList<IPNetwork> TrustedProxies { get; } = [];

    /// <summary>What to do with <c>%2F</c> and <c>%5C</c> in request paths.</summary>
    public EncodedSlashHandling EncodedSlashes { get; set; } = EncodedSlashHandling.Keep;

    /// <summary>Merge repeated slashes in request paths, for matching and forwarding alike (off by default).</summary>
    public bool MergeSlashes { get; set; }

    /// <summary>Client-side limits applied to Kestrel.</summary>
    public ProxyLimits Limits { get; } = new();

    /// <summary>Retries on another endpoint after a failed connect (at most 2, the default).</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>The <c>Retry-After</c> value of 503 answers (5 s).</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The certificate for server names no Ingress covers; null generates a self-signed one at start-up.</summary>
    public X509Certificate2? DefaultCertificate { get; set; }

    /// <summary>The port HTTP→HTTPS redirects name; null leaves the port out (443).</summary>
    public int? HttpsRedirectPort { get; set; }

    /// <summary>Handles resource backends (ING-B6); null answers them 503.</summary>
    public Func<HttpContext, RouteTarget, Task>? ResourceBackendHandler { get; set; }
}
