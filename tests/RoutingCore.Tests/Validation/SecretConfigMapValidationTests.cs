using System.Collections.Immutable;
using RoutingCore.Model;
using RoutingCore.Validation;

namespace RoutingCore.Tests.Validation;

public sealed class SecretConfigMapValidationTests
{
    private const string KeyMessage =
        "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

    private static readonly ValidationOptions Options = ValidationOptions.Default;
    private static readonly ObjectMeta Meta = new() { Name = "tls-cert", Namespace = "default" };

    private static ImmutableArray<byte> Bytes(int length) => [.. new byte[length]];

    private static Secret Secret(string type, params string[] keys) => new()
    {
        Metadata = Meta,
        Type = type,
        Data = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, keys.Select(k => KeyValuePair.Create(k, Bytes(1)))),
    };

    private static string[] Create(Secret secret) => [.. SecretValidation.ValidateCreate(secret, Options).Select(e => e.ToString())];

    private static string[] Create(ConfigMap configMap) => [.. ConfigMapValidation.ValidateCreate(configMap, Options).Select(e => e.ToString())];

    [Theory]
    [InlineData("bad key", KeyMessage)]
    [InlineData("", KeyMessage)]
    [InlineData(".", "must not be '.'")]
    [InlineData("..", "must not be '..'")]
    [InlineData("..data", "must not start with '..'")]
    public void SEC_1_SecretKeys(string key, string detail)
    {
        Assert.Equal([$"data[{key}]: Invalid value: \"{key}\": {detail}"], Create(Secret("Opaque", "ok.key_1-A", key)));
    }

    [Fact]
    public void SEC_1_KeysAtMost253Characters()
    {
        Assert.Empty(Create(Secret("Opaque", new string('k', 253))));
        var key = new string('k', 254);
        Assert.Equal([$"data[{key}]: Invalid value: \"{key}\": must be no more than 253 characters"], Create(Secret("Opaque", key)));
    }

    [Fact]
    public void SEC_1_SecretPayloadAtMostOneMebibyte()
    {
        var atLimit = Secret("Opaque") with { Data = ImmutableSortedDictionary<string, ImmutableArray<byte>>.Empty.Add("a", Bytes(1048575)).Add("b", Bytes(1)) };
        Assert.Empty(Create(atLimit));
        var over = atLimit with { Data = atLimit.Data.SetItem("b", Bytes(2)) };
        Assert.Equal(["data: Too long: may not be more than 1048576 bytes"], Create(over));
    }

    [Fact]
    public void SEC_1_SecretNameIsASubdomain()
    {
        Assert.Equal(["metadata.name: Invalid value: \"TLS\": " + NameRules.Dns1123SubdomainMessage], Create(Secret("Opaque") with { Metadata = Meta with { Name = "TLS" } }));
    }

    [Fact]
    public void SEC_2_TypeDefaultsToOpaque()
    {
        Assert.Equal("Opaque", SecretDefaults.Apply(Secret("")).Type);
        var tls = Secret("kubernetes.io/tls", "tls.crt", "tls.key");
        Assert.Same(tls, SecretDefaults.Apply(tls));
        Assert.Empty(Create(tls));
    }

    [Fact]
    public void SEC_2_TlsSecretNeedsCertificateAndKey()
    {
        Assert.Equal(["data[tls.crt]: Required value", "data[tls.key]: Required value"], Create(Secret("kubernetes.io/tls")));
        Assert.Equal(["data[tls.key]: Required value"], Create(Secret("kubernetes.io/tls", "tls.crt")));
        Assert.Empty(Create(Secret("Opaque")));
        Assert.Empty(Create(Secret("example.com/custom")));
    }

    [Fact]
    public void SEC_2_TypeIsImmutable()
    {
        var errors = SecretValidation.ValidateUpdate(Secret("kubernetes.io/tls", "tls.crt", "tls.key"), Secret("Opaque"), Options);
        Assert.Equal(["type: Invalid value: \"kubernetes.io/tls\": field is immutable"], errors.Select(e => e.ToString()));
        Assert.Empty(SecretValidation.ValidateUpdate(Secret("Opaque", "a"), Secret("Opaque"), Options));
    }

    private static ConfigMap ConfigMap(IEnumerable<(string Key, string Value)> data, IEnumerable<(string Key, int Length)>? binary = null) => new()
    {
        Metadata = Meta with { Name = "settings" },
        Data = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, data.Select(d => KeyValuePair.Create(d.Key, d.Value))),
        BinaryData = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, (binary ?? []).Select(b => KeyValuePair.Create(b.Key, Bytes(b.Length)))),
    };

    [Fact]
    public void SEC_1_ConfigMapKeysInBothMaps()
    {
        Assert.Empty(Create(ConfigMap([("a", "1")], [("b", 1)])));
        Assert.Equal(
            [
                "data[a b]: Invalid value: \"a b\": " + KeyMessage,
                "data[dup]: Invalid value: \"dup\": duplicate of key present in binaryData",
                "binaryData[..x]: Invalid value: \"..x\": must not start with '..'",
            ],
            Create(ConfigMap([("a b", "1"), ("dup", "")], [("dup", 1), ("..x", 1)])));
    }

    [Fact]
    public void SEC_1_ConfigMapPayloadCountsBothMapsInUtf8Bytes()
    {
        // "é" is two UTF-8 bytes: 524288 of them make exactly 1 MiB with no room for the binary byte.
        var text = new string('é', 524288);
        Assert.Empty(Create(ConfigMap([("text", text)])));
        var errors = ConfigMapValidation.ValidateCreate(ConfigMap([("text", text)], [("bin", 1)]), Options);
        var error = Assert.Single(errors);
        Assert.Equal("", error.Path);
        Assert.Equal(": Too long: may not be more than 1048576 bytes", error.ToString());
    }

    [Fact]
    public void SEC_1_ConfigMapUpdateRunsTheSameChecks()
    {
        var bad = ConfigMap([("a b", "1")]);
        Assert.Equal(Create(bad), ConfigMapValidation.ValidateUpdate(bad, ConfigMap([]), Options).Select(e => e.ToString()));
    }
}
