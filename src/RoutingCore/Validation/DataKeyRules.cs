namespace RoutingCore.Validation;

/// <summary>The key format of Secret and ConfigMap data (SEC-1), as upstream's <c>IsConfigMapKey</c>.</summary>
internal static class DataKeyRules
{
    /// <summary>The total size limit of a Secret's or ConfigMap's data, in bytes (SEC-1).</summary>
    public const int MaxTotalSize = 1024 * 1024;

    private const string KeyMessage =
        "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

    /// <summary>The problems with <paramref name="key"/>, in upstream's order: length, characters, <c>.</c>/<c>..</c> prefix.</summary>
    public static IReadOnlyList<string> Check(string key)
    {
        List<string>? errors = null;
        if (key.Length > NameRules.SubdomainMaxLength)
        {
            (errors ??= []).Add(NameRules.MaxLength(NameRules.SubdomainMaxLength));
        }

        var charsetOk = key.Length > 0;
        foreach (var c in key)
        {
            charsetOk &= char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_';
        }

        if (!charsetOk)
        {
            (errors ??= []).Add(KeyMessage);
        }

        if (key == ".")
        {
            (errors ??= []).Add("must not be '.'");
        }
        else if (key == "..")
        {
            (errors ??= []).Add("must not be '..'");
        }
        else if (key.StartsWith("..", StringComparison.Ordinal))
        {
            (errors ??= []).Add("must not start with '..'");
        }

        return errors ?? (IReadOnlyList<string>)[];
    }
}
