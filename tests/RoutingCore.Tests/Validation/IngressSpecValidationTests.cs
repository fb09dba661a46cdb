using System.Collections.Immutable;
using RoutingCore.Model;
using RoutingCore.Validation;
using static RoutingCore.Tests.Validation.IngressSamples;

namespace RoutingCore.Tests.Validation;

public sealed class IngressSpecValidationTests
{
    private const string Rule0 = "spec.rules[0]";
    private const string Path0 = "spec.rules[0].http.paths[0]";

    [Fact]
    public void ING_V1_ValidIngressHasNoErrors()
    {
        Assert.Empty(Create(Valid()));
        Assert.Empty(Create(WithDefaultBackend(Service("web", 80))));
    }

    [Fact]
    public void ING_V1_NameIsASubdomainAndLabelsFollowSection2()
    {
        var ingress = Valid() with
        {
            Metadata = new ObjectMeta
            {
                Name = "Web_1",
                Namespace = "default",
                Labels = ImmutableSortedDictionary<string, string>.Empty.Add("app", "-web"),
            },
        };
        Assert.Equal(
            [
                "metadata.name: Invalid value: \"Web_1\": " + NameRules.Dns1123SubdomainMessage,
                "metadata.labels: Invalid value: \"-web\": " + NameRules.LabelValueMessage,
            ],
            Create(ingress));
    }

    [Fact]
    public void ING_V2_RulesOrDefaultBackendRequired()
    {
        var ingress = Valid() with { Spec = new IngressSpec() };
        Assert.Equal(["spec: Invalid value: null: either `defaultBackend` or `rules` must be specified"], Create(ingress));
    }

    [Theory]
    [InlineData("1.2.3.4", "must be a DNS name, not an IP address")]
    [InlineData("010.1.1.1", "must be a DNS name, not an IP address")]
    [InlineData("*", NameRules.WildcardSubdomainMessage)]
    [InlineData("*.*.a.com", NameRules.WildcardSubdomainMessage)]
    [InlineData("a.*.com", NameRules.WildcardSubdomainMessage)]
    [InlineData("f*.a.com", NameRules.WildcardSubdomainMessage)]
    [InlineData("*a.com", NameRules.WildcardSubdomainMessage)]
    [InlineData("Example.com", NameRules.Dns1123SubdomainMessage)]
    [InlineData("example.com:8080", NameRules.Dns1123SubdomainMessage)]
    [InlineData("example.com.", NameRules.Dns1123SubdomainMessage)]
    public void ING_V3_BadHostsAreRefused(string host, string detail)
    {
        Assert.Equal([$"{Rule0}.host: Invalid value: \"{host}\": {detail}"], Create(WithRules(Rule(host, Path("/", PathTypes.Prefix)))));
    }

    [Theory]
    [InlineData("*.a.com")]
    [InlineData("foo.bar.example.com")]
    [InlineData("")]
    [InlineData(null)]
    public void ING_V3_GoodHostsAreAccepted(string? host)
    {
        Assert.Empty(Create(WithRules(Rule(host, Path("/", PathTypes.Prefix)))));
    }

    [Fact]
    public void ING_V3_IPv6HostIsNotAnIPNorASubdomain()
    {
        Assert.Equal(
            [
                $"{Rule0}.host: Invalid value: \"::1\": must be a DNS name, not an IP address",
                $"{Rule0}.host: Invalid value: \"::1\": {NameRules.Dns1123SubdomainMessage}",
            ],
            Create(WithRules(Rule("::1", Path("/", PathTypes.Prefix)))));
    }

    [Fact]
    public void ING_V3_HostLongerThan253IsRefused()
    {
        var host = string.Join('.', Enumerable.Repeat(new string('a', 63), 4)); // 255 characters
        Assert.Equal([$"{Rule0}.host: Invalid value: \"{host}\": must be no more than 253 characters"], Create(WithRules(Rule(host, Path("/", PathTypes.Prefix)))));
    }

    [Fact]
    public void ING_V4_HttpNeedsPathsButAHostOnlyRuleIsValid()
    {
        Assert.Equal([$"{Rule0}.http.paths: Required value"], Create(WithRules(Rule("example.com"))));
        Assert.Empty(Create(WithRules(new IngressRule { Host = "example.com" }, Rule("a.com", Path("/", PathTypes.Exact)))));
    }

    [Fact]
    public void ING_V5_MissingPathTypeShortCircuitsThePathEntry()
    {
        var entry = Path("no-slash//", pathType: null, backend: new IngressBackend());
        Assert.Equal([$"{Path0}.pathType: Required value: pathType must be specified"], Create(WithPath(entry)));
    }

    [Fact]
    public void ING_V5_UnknownPathTypeIsUnsupportedAndTheBackendIsStillChecked()
    {
        Assert.Equal(
            [
                $"{Path0}.pathType: Unsupported value: \"Regex\": supported values: \"Exact\", \"ImplementationSpecific\", \"Prefix\"",
                $"{Path0}.backend: Invalid value: \"\": resource or service backend is required",
            ],
            Create(WithPath(Path("/x", "Regex", new IngressBackend()))));
    }

    [Theory]
    [InlineData("foo", "must be an absolute path")]
    [InlineData("", "must be an absolute path")]
    [InlineData(null, "must be an absolute path")]
    [InlineData("/a//b", "must not contain '//'")]
    [InlineData("/a/./b", "must not contain '/./'")]
    [InlineData("/a/../b", "must not contain '/../'")]
    [InlineData("/a%2fb", "must not contain '%2f'")]
    [InlineData("/a%2Fb", "must not contain '%2F'")]
    [InlineData("/a/..", "cannot end with '/..'")]
    [InlineData("/a/.", "cannot end with '/.'")]
    public void ING_V6_ExactAndPrefixPathRules(string? path, string detail)
    {
        foreach (var pathType in new[] { PathTypes.Exact, PathTypes.Prefix })
        {
            Assert.Equal([$"{Path0}.path: Invalid value: \"{path}\": {detail}"], Create(WithPath(Path(path, pathType))));
        }
    }

    [Fact]
    public void ING_V6_OneErrorPerForbiddenSequence()
    {
        const string path = "x//a/./b/../%2f%2F/..";
        Assert.Equal(
            [
                $"{Path0}.path: Invalid value: \"{path}\": must be an absolute path",
                $"{Path0}.path: Invalid value: \"{path}\": must not contain '//'",
                $"{Path0}.path: Invalid value: \"{path}\": must not contain '/./'",
                $"{Path0}.path: Invalid value: \"{path}\": must not contain '/../'",
                $"{Path0}.path: Invalid value: \"{path}\": must not contain '%2f'",
                $"{Path0}.path: Invalid value: \"{path}\": must not contain '%2F'",
                $"{Path0}.path: Invalid value: \"{path}\": cannot end with '/..'",
            ],
            Create(WithPath(Path(path, PathTypes.Prefix))));
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("/a//b/../%2f")]
    public void ING_V7_ImplementationSpecificOnlyNeedsALeadingSlash(string? path)
    {
        Assert.Empty(Create(WithPath(Path(path, PathTypes.ImplementationSpecific))));
    }

    [Fact]
    public void ING_V7_ImplementationSpecificRelativePathIsRefused()
    {
        Assert.Equal([$"{Path0}.path: Invalid value: \"foo\": must be an absolute path"], Create(WithPath(Path("foo", PathTypes.ImplementationSpecific))));
    }
}
