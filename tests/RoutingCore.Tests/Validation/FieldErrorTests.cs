using RoutingCore.Validation;

namespace RoutingCore.Tests.Validation;

public sealed class FieldErrorTests
{
    private static readonly FieldPath Spec = FieldPath.Root("spec");

    [Fact]
    public void ERR_3_InvalidShowsNumberBare()
    {
        var error = FieldError.Invalid(Spec.Child("ports").Index(0).Child("nodePort"), 40000, "provided port is not in the valid range. The range of valid ports is 30000-32767");
        Assert.Equal("spec.ports[0].nodePort: Invalid value: 40000: provided port is not in the valid range. The range of valid ports is 30000-32767", error.ToString());
    }

    [Fact]
    public void ERR_3_StringsAreGoQuoted()
    {
        Assert.Equal("spec.type: Invalid value: \"a\\\"b\\n\": x", FieldError.Invalid(Spec.Child("type"), "a\"b\n", "x").ToString());
    }

    [Fact]
    public void ERR_3_RequiredForbiddenAndTooLongNeverShowAValue()
    {
        Assert.Equal("spec.ports: Required value", FieldError.Required(Spec.Child("ports")).ToString());
        Assert.Equal("metadata.namespace: Forbidden: not allowed on this type", FieldError.Forbidden(FieldPath.Root("metadata").Child("namespace"), "not allowed on this type").ToString());
        Assert.Equal("metadata.annotations: Too long: may not be more than 262144 bytes", FieldError.TooLong(FieldPath.Root("metadata").Child("annotations"), 262144).ToString());
    }

    [Fact]
    public void ERR_3_UnsupportedListsSortedQuotedValues()
    {
        var error = FieldError.NotSupported(Spec.Child("type"), "Foo", ["NodePort", "ClusterIP", "LoadBalancer", "ExternalName"]);
        Assert.Equal("spec.type: Unsupported value: \"Foo\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\"", error.ToString());
    }

    [Fact]
    public void ERR_3_CompositeValuesAreCompactJson()
    {
        Assert.StartsWith("spec.clusterIPs: Invalid value: [\"1.1.1.1\"]", FieldError.Invalid(Spec.Child("clusterIPs"), new[] { "1.1.1.1" }, "x").ToString());
        Assert.Equal("spec: Invalid value: null: x", FieldError.Invalid(Spec, null, "x").ToString());
    }

    [Fact]
    public void ERR_3_TooManyShowsCountAndLimit()
    {
        Assert.Equal("endpoints: Too many: 1001: must have at most 1000 items", FieldError.TooMany(FieldPath.Root("endpoints"), 1001, 1000).ToString());
    }

    [Fact]
    public void ERR_2_PathsUseDotsIndexesAndKeys()
    {
        Assert.Equal("spec.rules[0].http.paths[2].pathType", Spec.Child("rules").Index(0).Child("http", "paths").Index(2).Child("pathType").ToString());
        Assert.Equal("data[tls.crt]", FieldPath.Root("data").Key("tls.crt").ToString());
    }
}
