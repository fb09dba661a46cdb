using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RoutingCore.AspNetCore.Diagnostics;
using RoutingCore.AspNetCore.Settings;
using RoutingCore.Model;
using RoutingCore.Routing;
using RoutingCore.State;

namespace RoutingCore.AspNetCore.Hosting;

/// <summary>
/// The proxy's view of the cluster: the store, the Ingress controller and the current <see cref="ProxySnapshot"/>,
/// rebuilt whenever the Ingress controller publishes a routing snapshot or the controller ConfigMap changes, and
/// swapped with one reference write. Registered as a singleton by <c>AddRoutingCore</c>.
/// </summary>
public sealed class RoutingCoreProxy
{
    private readonly ProxySnapshotBuilder _builder;
    private readonly ILogger _logger;
    private readonly Lock _buildLock = new();
    private HashSet<string> _reported = [];
    private ProxySnapshot _current;
    private StrongBox<ObjectKey>? _configMap; // boxed, so that readers see the whole key swapped at once

    /// <summary>Attaches the proxy to <paramref name="state"/> and <paramref name="ingress"/> and builds the first snapshot.</summary>
    /// <param name="state">The store.</param>
    /// <param name="ingress">The Ingress controller running on <paramref name="state"/>.</param>
    /// <param name="options">The proxy options.</param>
    /// <param name="logger">Where refused settings and unusable TLS entries are reported.</param>
    public RoutingCoreProxy(ClusterState state, IngressController ingress, IOptions<RoutingCoreProxyOptions> options, ILogger<RoutingCoreProxy> logger)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(ingress);
        ArgumentNullException.ThrowIfNull(options);
        State = state;
        Ingress = ingress;
        Options = options.Value;
        _logger = logger;
        _builder = new ProxySnapshotBuilder(Options);
        _configMap = Options.ConfigMapName is { } name ? new(new ObjectKey(ObjectKind.ConfigMap, Options.ConfigMapNamespace ?? "", name)) : null;
        _current = BuildAndReport(ingress.Current);
        ingress.SnapshotPublished += (_, routing) => Publish(routing);
        state.AddController(new ConfigMapWatcher(this));
    }

    /// <summary>The store.</summary>
    public ClusterState State { get; }

    /// <summary>The Ingress controller.</summary>
    public IngressController Ingress { get; }

    /// <summary>The options.</summary>
    public RoutingCoreProxyOptions Options { get; }

    /// <summary>The snapshot requests route with.</summary>
    public ProxySnapshot Current => Volatile.Read(ref _current);

    /// <summary>Raised after each new snapshot is published.</summary>
    public event EventHandler<ProxySnapshot>? SnapshotPublished;

    /// <summary>
    /// The controller ConfigMap whose settings apply (ingress-nginx key names); null for none. Starts as
    /// <see cref="RoutingCoreProxyOptions.ConfigMapNamespace"/>/<see cref="RoutingCoreProxyOptions.ConfigMapName"/>.
    /// </summary>
    public ObjectKey? ControllerConfigMap => Volatile.Read(ref _configMap)?.Value;

    /// <summary>
    /// Switches the controller ConfigMap while the proxy runs — for a host that learns it from its own controller
    /// Deployment (ingress-nginx's <c>--configmap=NAMESPACE/NAME</c> argument) — and publishes a snapshot with its
    /// settings. Keys that Kestrel reads only at start-up (<c>keep-alive</c>, <c>client-header-timeout</c>) take
    /// effect at the next start.
    /// </summary>
    /// <param name="namespace">The ConfigMap's namespace.</param>
    /// <param name="name">The ConfigMap's name; null for none.</param>
    public void UseControllerConfigMap(string @namespace, string? name)
    {
        ArgumentNullException.ThrowIfNull(@namespace);
        ObjectKey? key = name is null ? null : new ObjectKey(ObjectKind.ConfigMap, @namespace, name);
        lock (_buildLock)
        {
            if (Equals(_configMap?.Value, key))
            {
                return;
            }

            Volatile.Write(ref _configMap, key is { } selected ? new StrongBox<ObjectKey>(selected) : null);
        }

        Publish(Ingress.Current);
    }

    private void Publish(RoutingSnapshot routing)
    {
        var snapshot = BuildAndReport(routing);
        Volatile.Write(ref _current, snapshot);
        SnapshotPublished?.Invoke(this, snapshot);
    }

    private ProxySnapshot BuildAndReport(RoutingSnapshot routing)
    {
        ProxySnapshot snapshot;
        lock (_buildLock)
        {
            snapshot = _builder.Build(routing, State.Current, _configMap?.Value);

            // Each problem is logged when it first appears, not again with every snapshot.
            var now = new HashSet<string>(StringComparer.Ordinal);
            foreach (var error in snapshot.Errors)
            {
                var text = error.ToString();
                if (now.Add(text) && !_reported.Contains(text))
                {
                    ProxyLog.SettingRefused(_logger, text);
                }
            }

            foreach (var binding in routing.Tls.Bindings)
            {
                if (binding.Error is { } problem && now.Add(binding + problem) && !_reported.Contains(binding + problem))
                {
                    ProxyLog.TlsBindingUnusable(_logger, binding.ToString(), problem);
                }
            }

            _reported = now;
        }

        ProxyLog.SnapshotPublished(_logger, routing.ResourceVersion, snapshot.RouteCount, snapshot.Errors.Length);
        return snapshot;
    }

    /// <summary>Rebuilds the snapshot when the controller ConfigMap changes (the Ingress controller does not watch ConfigMaps).</summary>
    private sealed class ConfigMapWatcher(RoutingCoreProxy proxy) : IClusterController
    {
        public void Reconcile(ClusterState state, IReadOnlyList<WatchEvent> changes)
        {
            if (proxy.ControllerConfigMap is not { } key)
            {
                return;
            }

            foreach (var change in changes)
            {
                if (change.Object is ConfigMap map && map.Metadata.Name == key.Name && map.Metadata.Namespace == key.Namespace)
                {
                    WarnStartupKeys(change.OldObject as ConfigMap, change.Type == WatchEventType.Deleted ? null : map);
                    proxy.Publish(proxy.Ingress.Current);
                    return;
                }
            }
        }

        private void WarnStartupKeys(ConfigMap? before, ConfigMap? after)
        {
            foreach (var key in (string[])["keep-alive", "client-header-timeout"])
            {
                if (before is not null && before.Data.GetValueOrDefault(key) != after?.Data.GetValueOrDefault(key))
                {
                    ProxyLog.RestartNeeded(proxy._logger, key);
                }
            }
        }
    }
}
