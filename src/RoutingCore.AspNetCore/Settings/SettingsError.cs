using RoutingCore.State;

namespace RoutingCore.AspNetCore.Settings;

/// <summary>
/// A setting that could not be used: which object and key, the value given and why. The object falls back to the
/// default for that key; every other key and object is unaffected.
/// </summary>
/// <param name="Object">The Ingress (annotation) or ConfigMap (key) concerned.</param>
/// <param name="Key">The annotation or ConfigMap key.</param>
/// <param name="Value">The value as given.</param>
/// <param name="Reason">What is wrong, with what would be accepted.</param>
public sealed record SettingsError(ObjectKey Object, string Key, string Value, string Reason)
{
    /// <summary>
    /// One line naming everything: <c>Ingress shop/web: annotation nginx.ingress.kubernetes.io/proxy-body-size:
    /// invalid value "12q": expected a size such as 8m</c>.
    /// </summary>
    public override string ToString() =>
        $"{Object}: {(Object.Kind == Model.ObjectKind.Ingress ? "annotation" : "key")} {Key}: invalid value \"{Value}\": {Reason}";
}
