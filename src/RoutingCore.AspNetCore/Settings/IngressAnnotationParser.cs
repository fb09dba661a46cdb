using RoutingCore.Model;
using RoutingCore.State;

namespace RoutingCore.AspNetCore.Settings;

/// <summary>
/// Parses an Ingress's <c>nginx.ingress.kubernetes.io/*</c> annotations into <see cref="IngressSettings"/>, once per
/// Ingress version. Every key is checked on its own: a bad value becomes a <see cref="SettingsError"/> naming the
/// Ingress and the key, and only that key falls back to its default. Keys of that prefix RoutingCore does not implement
/// are reported too, so that a migrated Ingress never silently loses behaviour (for example <c>use-regex</c>).
/// </summary>
internal static class IngressAnnotationParser
{
    /// <summary>The annotation prefix ingress-nginx uses.</summary>
    public const string Prefix = "nginx.ingress.kubernetes.io/";

    private static readonly System.Buffers.SearchValues<char> CookiePathForbidden = System.Buffers.SearchValues.Create(";,\r\n\0 ");

    public static IngressSettings Parse(Ingress ingress, List<SettingsError> errors)
    {
        var key = ObjectKey.Of(ingress);
        var settings = IngressSettings.None;
        var cookie = new AffinityCookieSettings();
        var canary = new CanarySettings();
        bool affinity = false, isCanary = false, cookieKeys = false, canaryKeys = false;
        foreach (var (name, value) in ingress.Metadata.Annotations)
        {
            if (!name.StartsWith(Prefix, StringComparison.Ordinal))
            {
                continue;
            }

            string? error = null;
            switch (name[Prefix.Length..])
            {
                case "backend-protocol":
                    error = Protocol(value, out var protocol);
                    settings = settings with { BackendProtocol = protocol };
                    break;
                case "load-balance":
                    error = SettingValues.LoadBalance(value, out var algorithm);
                    settings = error is null ? settings with { LoadBalance = algorithm } : settings;
                    break;
                case "rewrite-target":
                    error = RewriteTarget(value);
                    settings = error is null ? settings with { RewriteTarget = value } : settings;
                    break;
                case "proxy-body-size":
                    error = SettingValues.Size(value, out var size);
                    settings = error is null ? settings with { ProxyBodySize = size } : settings;
                    break;
                case "proxy-read-timeout":
                    error = SettingValues.Duration(value, allowZero: false, out var read);
                    settings = error is null ? settings with { ProxyReadTimeout = read } : settings;
                    break;
                case "proxy-send-timeout":
                    error = SettingValues.Duration(value, allowZero: false, out var send);
                    settings = error is null ? settings with { ProxySendTimeout = send } : settings;
                    break;
                case "ssl-redirect":
                    error = SettingValues.Boolean(value, out var redirect);
                    settings = error is null ? settings with { SslRedirect = redirect } : settings;
                    break;
                case "force-ssl-redirect":
                    error = SettingValues.Boolean(value, out var force);
                    settings = settings with { ForceSslRedirect = error is null && force };
                    break;
                case "affinity":
                    affinity = value.Trim() == "cookie";
                    error = affinity ? null : "expected cookie, the only affinity type";
                    break;
                case "session-cookie-name":
                    cookieKeys = true;
                    error = SettingValues.IsToken(value) ? null : "expected a cookie name (letters, digits and !#$%&'*+-.^_`|~)";
                    cookie = error is null ? cookie with { Name = value } : cookie;
                    break;
                case "session-cookie-path":
                    cookieKeys = true;
                    error = CookiePath(value);
                    cookie = error is null ? cookie with { Path = value } : cookie;
                    break;
                case "session-cookie-max-age":
                    cookieKeys = true;
                    error = SettingValues.Duration(value, allowZero: false, out var maxAge);
                    cookie = error is null ? cookie with { MaxAge = maxAge } : cookie;
                    break;
                case "session-cookie-samesite":
                    cookieKeys = true;
                    error = value is "None" or "Lax" or "Strict" ? null : "expected None, Lax or Strict";
                    cookie = error is null ? cookie with { SameSite = value } : cookie;
                    break;
                case "canary":
                    error = SettingValues.Boolean(value, out isCanary);
                    break;
                case "canary-weight":
                    canaryKeys = true;
                    error = SettingValues.Integer(value, 0, 1_000_000, out var weight);
                    canary = error is null ? canary with { Weight = weight } : canary;
                    break;
                case "canary-weight-total":
                    canaryKeys = true;
                    error = SettingValues.Integer(value, 1, 1_000_000, out var total);
                    canary = error is null ? canary with { WeightTotal = total } : canary;
                    break;
                case "canary-by-header":
                    canaryKeys = true;
                    error = SettingValues.IsToken(value) ? null : "expected a header name";
                    canary = error is null ? canary with { Header = value } : canary;
                    break;
                case "canary-by-header-value":
                    canaryKeys = true;
                    error = value.Length > 0 && !value.AsSpan().ContainsAnyInRange('\0', '\u001f') ? null : "expected a non-empty header value";
                    canary = error is null ? canary with { HeaderValue = value } : canary;
                    break;
                case "canary-by-cookie":
                    canaryKeys = true;
                    error = SettingValues.IsToken(value) ? null : "expected a cookie name";
                    canary = error is null ? canary with { Cookie = value } : canary;
                    break;
                default:
                    error = "not supported by RoutingCore; the annotation is ignored";
                    break;
            }

            if (error is not null)
            {
                errors.Add(new SettingsError(key, name, value, error));
            }
        }

        if (cookieKeys && !affinity)
        {
            errors.Add(new SettingsError(key, Prefix + "affinity", ingress.Metadata.Annotations.GetValueOrDefault(Prefix + "affinity", ""),
                "session-cookie-* annotations need affinity: cookie; they are ignored"));
        }

        if (canaryKeys && !isCanary)
        {
            errors.Add(new SettingsError(key, Prefix + "canary", ingress.Metadata.Annotations.GetValueOrDefault(Prefix + "canary", ""),
                "canary-* annotations need canary: \"true\"; they are ignored"));
        }

        if (isCanary && canary.Weight > canary.WeightTotal)
        {
            errors.Add(new SettingsError(key, Prefix + "canary-weight", canary.Weight.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "is more than canary-weight-total; every request goes to the canary"));
        }

        return settings with
        {
            AffinityCookie = affinity ? cookie : null,
            Canary = isCanary ? canary : null,
        };
    }

    private static string? Protocol(string value, out BackendProtocol protocol)
    {
        protocol = BackendProtocol.Http;
        switch (value.Trim().ToUpperInvariant())
        {
            case "HTTP":
                return null;
            case "HTTPS":
                protocol = BackendProtocol.Https;
                return null;
            case "GRPC":
                protocol = BackendProtocol.Grpc;
                return null;
            case "GRPCS":
                protocol = BackendProtocol.Grpcs;
                return null;
            case "H2C":
                protocol = BackendProtocol.H2c;
                return null;
            case "AUTO_HTTP" or "FCGI":
                return "AUTO_HTTP and FCGI are not supported; expected HTTP, HTTPS, GRPC, GRPCS or H2C";
            default:
                return "expected HTTP, HTTPS, GRPC, GRPCS or H2C";
        }
    }

    /// <summary>A rewrite target is a normalised absolute path: the proxy forwards it as it is.</summary>
    private static string? RewriteTarget(string value)
    {
        if (value.Contains('$', StringComparison.Ordinal))
        {
            return "capture groups ($1) need regular-expression paths, which RoutingCore does not support; give a path such as / or /v2";
        }

        return Paths.PathNormalizer.IsNormalizedAbsolutePath(value)
            ? null
            : "expected an absolute path such as / or /v2, without dot segments, query, fragment or control characters";
    }

    private static string? CookiePath(string value) =>
        value.StartsWith('/') && !value.AsSpan().ContainsAny(CookiePathForbidden) ? null : "expected a path such as / without ; , or spaces";
}
