using RoutingCore.Model;

namespace RoutingCore.Validation;

/// <summary>
/// Validation of core/v1 Secrets (SEC-1, SEC-2), as kube-apiserver's <c>ValidateSecret</c>: metadata, each
/// <c>data[key]</c> key, the 1 MiB total, then the keys the type requires (<c>kubernetes.io/tls</c> needs
/// <c>tls.crt</c> and <c>tls.key</c>). Types other than TLS and Opaque are stored without type checks.
/// </summary>
public static class SecretValidation
{
    /// <summary>The certificate key of a TLS Secret.</summary>
    public const string TlsCertKey = "tls.crt";

    /// <summary>The private-key key of a TLS Secret.</summary>
    public const string TlsPrivateKeyKey = "tls.key";

    private static readonly FieldPath Data = FieldPath.Root("data");

    /// <summary>Validates a Secret being created. An empty list means valid.</summary>
    /// <param name="secret">The Secret, after <see cref="SecretDefaults.Apply"/>.</param>
    /// <param name="options">Validation switches.</param>
    public static List<FieldError> ValidateCreate(Secret secret, ValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var errors = new List<FieldError>();
        Validate(secret, options, errors);
        return errors;
    }

    /// <summary>Validates an update: the <c>type</c> may not change (reported first, as upstream), then every create check.</summary>
    /// <param name="secret">The new Secret, after defaulting.</param>
    /// <param name="old">The stored Secret.</param>
    /// <param name="options">Validation switches.</param>
    public static List<FieldError> ValidateUpdate(Secret secret, Secret old, ValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(old);
        var errors = new List<FieldError>();
        if (secret.Type != old.Type)
        {
            errors.Add(FieldError.Invalid(FieldPath.Root("type"), secret.Type, "field is immutable"));
        }

        Validate(secret, options, errors);
        return errors;
    }

    private static void Validate(Secret secret, ValidationOptions options, List<FieldError> errors)
    {
        ObjectMetaValidation.Validate(secret.Metadata, ObjectKind.Secret, options, errors);
        long total = 0;
        foreach (var (key, value) in secret.Data)
        {
            errors.AddInvalid(Data.Key(key), key, DataKeyRules.Check(key));
            total += value.IsDefault ? 0 : value.Length;
        }

        if (total > DataKeyRules.MaxTotalSize)
        {
            errors.Add(FieldError.TooLong(Data, DataKeyRules.MaxTotalSize));
        }

        if (secret.Type == Secret.TlsType)
        {
            foreach (var required in (ReadOnlySpan<string>)[TlsCertKey, TlsPrivateKeyKey])
            {
                if (!secret.Data.ContainsKey(required))
                {
                    errors.Add(FieldError.Required(Data.Key(required)));
                }
            }
        }
    }
}
