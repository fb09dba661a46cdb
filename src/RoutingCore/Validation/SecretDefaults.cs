using RoutingCore.Model;

namespace RoutingCore.Validation;

/// <summary>Defaulting of Secrets, applied before validation (M-1).</summary>
public static class SecretDefaults
{
    /// <summary>Sets an empty <c>type</c> to <c>Opaque</c> (SEC-2).</summary>
    /// <param name="secret">The Secret as written.</param>
    /// <returns>The defaulted Secret; the same instance when nothing needed a default.</returns>
    public static Secret Apply(Secret secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return secret.Type.Length == 0 ? secret with { Type = Secret.OpaqueType } : secret;
    }
}
