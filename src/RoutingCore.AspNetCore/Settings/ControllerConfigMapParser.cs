using RoutingCore.Model;
using RoutingCore.State;

namespace RoutingCore.AspNetCore.Settings;

/// <summary>
/// Applies the keys of the controller ConfigMap to the code defaults. Keys use ingress-nginx's names; a bad value is
/// a <see cref="SettingsError"/> naming the ConfigMap and key and leaves that key at its default. Unknown keys are
/// ignored (an ingress-nginx ConfigMap has many RoutingCore has no use for).
/// </summary>
internal static class ControllerConfigMapParser
{
    public static ControllerSettings Parse(ConfigMap? configMap, ControllerSettings defaults, List<SettingsError> errors)
    {
        if (configMap is null)
        {
            return defaults;
        }

        var key = ObjectKey.Of(configMap);
        var settings = defaults;
        foreach (var (name, value) in configMap.Data)
        {
            string? error = null;
            switch (name)
            {
                case "proxy-connect-timeout":
                    error = SettingValues.Duration(value, allowZero: false, out var connect);
                    settings = error is null ? settings with { ProxyConnectTimeout = connect } : settings;
                    break;
                case "proxy-read-timeout":
                    error = SettingValues.Duration(value, allowZero: false, out var read);
                    settings = error is null ? settings with { ProxyReadTimeout = read } : settings;
                    break;
                case "proxy-send-timeout":
                    error = SettingValues.Duration(value, allowZero: false, out var send);
                    settings = error is null ? settings with { ProxySendTimeout = send } : settings;
                    break;
                case "proxy-body-size":
                    error = SettingValues.Size(value, out var size);
                    settings = error is null ? settings with { ProxyBodySize = size } : settings;
                    break;
                case "keep-alive":
                    error = SettingValues.Duration(value, allowZero: false, out var keepAlive);
                    settings = error is null ? settings with { KeepAlive = keepAlive } : settings;
                    break;
                case "keep-alive-requests":
                    error = SettingValues.Integer(value, 1, int.MaxValue, out var requests);
                    settings = error is null ? settings with { KeepAliveRequests = requests } : settings;
                    break;
                case "client-header-timeout":
                    error = SettingValues.Duration(value, allowZero: false, out var header);
                    settings = error is null ? settings with { ClientHeaderTimeout = header } : settings;
                    break;
                case "ssl-protocols":
                    error = SettingValues.TlsVersions(value, out var protocols);
                    settings = error is null ? settings with { SslProtocols = protocols } : settings;
                    break;
                case "use-forwarded-headers":
                    error = SettingValues.Boolean(value, out var forwarded);
                    settings = error is null ? settings with { UseForwardedHeaders = forwarded } : settings;
                    break;
                case "proxy-real-ip-cidr":
                    error = SettingValues.Cidrs(value, out var cidrs);
                    settings = error is null ? settings with { ProxyRealIpCidr = cidrs } : settings;
                    break;
                case "server-tokens":
                    error = SettingValues.Boolean(value, out var tokens);
                    settings = error is null ? settings with { ServerTokens = tokens } : settings;
                    break;
                case "ssl-redirect":
                    error = SettingValues.Boolean(value, out var redirect);
                    settings = error is null ? settings with { SslRedirect = redirect } : settings;
                    break;
                case "load-balance":
                    error = SettingValues.LoadBalance(value, out var algorithm);
                    settings = error is null ? settings with { LoadBalance = algorithm } : settings;
                    break;
            }

            if (error is not null)
            {
                errors.Add(new SettingsError(key, name, value, error));
            }
        }

        return settings;
    }
}
