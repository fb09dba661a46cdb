using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RoutingCore.Model;
using RoutingCore.Validation;

namespace RoutingCore.Tests.Validation;

/// <summary>
/// Generated names, valid and invalid, judged by the NAME-1..NAME-4 regular expressions and lengths read literally from the
/// spec, must be accepted or refused alike by <see cref="NameRules"/> and, through <see cref="ObjectMetaValidation"/> and the
/// Ingress backend checks, by each kind's validation.
/// </summary>
public sealed partial class NamePropertyTests
{
    private const string Lower = "abcdefghijklmnopqrstuvwxyz";
    private const string Alnum = Lower + "0123456789";
    private static readonly char[] Foreign = ['A', 'Z', '_', '*', '.', '-', ' ', '/', 'é', '\n', ':'];

    [GeneratedRegex(@"\A[a-z0-9]([-a-z0-9]*[a-z0-9])?\z")]
    private static partial Regex LabelPattern();

    [GeneratedRegex(@"\A[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\z")]
    private static partial Regex SubdomainPattern();

    [GeneratedRegex(@"\A[a-z]([-a-z0-9]*[a-z0-9])?\z")]
    private static partial Regex Dns1035Pattern();

    [GeneratedRegex(@"\A[a-z0-9-]+\z")]
    private static partial Regex IanaCharset();

    private static bool IsLabel(string s) => s.Length <= 63 && LabelPattern().IsMatch(s);

    private static bool IsSubdomain(string s) => s.Length <= 253 && SubdomainPattern().IsMatch(s);

    private static bool IsDns1035(string s) => s.Length <= 63 && Dns1035Pattern().IsMatch(s);

    private static bool IsIanaServiceName(string s) =>
        s.Length is >= 1 and <= 15 && IanaCharset().IsMatch(s) && s.Any(c => c is >= 'a' and <= 'z')
        && !s.Contains("--", StringComparison.Ordinal) && s[0] != '-' && s[^1] != '-';

    private static Gen<string> StringOf(string alphabet, int min, int max) =>
        Gen.Choose(min, max).SelectMany(n => Gen.ArrayOf(Gen.Elements(alphabet.ToCharArray()), n)).Select(chars => new string(chars));

    private static readonly Gen<string> Labels =
        from first in Gen.Elements(Alnum.ToCharArray())
        from middle in StringOf(Alnum + "--", 0, 8)
        from last in Gen.Elements(Alnum.ToCharArray())
        from single in Gen.Elements(true, false, false)
        select single ? first.ToString() : first + middle + last;

    private static readonly Gen<string> Subdomains = Gen.Choose(1, 4).SelectMany(n => Gen.ArrayOf(Labels, n)).Select(parts => string.Join('.', parts));

    private static readonly Gen<string> PortNames = StringOf(Lower + "0123456789-", 1, 17);

    /// <summary>Names that start with a letter: DNS-1035 labels, and IANA service names when short.</summary>
    private static readonly Gen<string> LetterFirst =
        from first in Gen.Elements(Lower.ToCharArray())
        from head in StringOf(Alnum, 0, 6)
        from tail in Gen.OneOf(Gen.Constant(""), StringOf(Alnum, 1, 6).Select(t => "-" + t))
        select first + head + tail;

    /// <summary>Names near the 63- and 253-character limits.</summary>
    private static readonly Gen<string> LongNames = Gen.OneOf(
        Gen.Choose(60, 66).Select(n => new string('a', n)),
        Gen.Choose(245, 258).Select(n => string.Join('.', Enumerable.Repeat(new string('b', 50), 6))[..n]));

    private static readonly Gen<string> Mutated =
        from name in Gen.OneOf(Labels, Subdomains, LetterFirst)
        from at in Gen.Choose(0, 100)
        from c in Gen.Elements(Foreign)
        from insert in Gen.Elements(true, false)
        let i = at % (name.Length + 1)
        select insert || i == name.Length ? name.Insert(i, c.ToString()) : name[..i] + c + name[(i + 1)..];

    private static readonly Gen<string> Names = Gen.Frequency(
        (2, Labels),
        (2, Subdomains),
        (3, LetterFirst),
        (2, PortNames),
        (4, Mutated),
        (2, StringOf(Alnum + "-.A_*/ ", 0, 12)),
        (2, LongNames));

    private static Arbitrary<string> NameArb => Arb.From(Names);

    [Fact]
    public void GeneratorYieldsBothValidAndInvalidNamesForEveryFormat()
    {
        var sample = Gen.Sample(Names, 1000, new Rnd(20240601UL, 1234567891UL), 30); // 1000 names of size 30
        Assert.Equal(1000, sample.Length);
        foreach (var oracle in new Func<string, bool>[] { IsLabel, IsSubdomain, IsDns1035, IsIanaServiceName })
        {
            Assert.InRange(sample.Count(oracle), 150, 850);
        }
    }

    [Property(Replay = "101,1001", MaxTest = 1000)]
    public Property NAME_1_Dns1123Label() => Prop.ForAll(NameArb, s => (NameRules.Dns1123Label(s).Count == 0) == IsLabel(s));

    [Property(Replay = "102,1003", MaxTest = 1000)]
    public Property NAME_2_Dns1123Subdomain() => Prop.ForAll(NameArb, s => (NameRules.Dns1123Subdomain(s).Count == 0) == IsSubdomain(s));

    [Property(Replay = "103,1005", MaxTest = 1000)]
    public Property NAME_3_Dns1035Label() => Prop.ForAll(NameArb, s => (NameRules.Dns1035Label(s).Count == 0) == IsDns1035(s));

    [Property(Replay = "104,1007", MaxTest = 1000)]
    public Property NAME_4_IanaServiceName() => Prop.ForAll(NameArb, s => (NameRules.PortName(s).Count == 0) == IsIanaServiceName(s));

    private static readonly ValidationOptions Options = ValidationOptions.Default;

    private static bool NameRefused(List<FieldError> errors) => errors.Any(e => e.Path == "metadata.name");

    private static ObjectMeta Meta(string name, bool namespaced) => new() { Name = name, Namespace = namespaced ? "default" : "" };

    [Property(Replay = "105,1009", MaxTest = 500)]
    public Property NAME_6_NamespaceNamesAreLabels() =>
        Prop.ForAll(NameArb, s => NameRefused(NamespaceValidation.ValidateCreate(new Namespace { Metadata = Meta(s, false) }, Options)) == !IsLabel(s));

    [Property(Replay = "106,1011", MaxTest = 500)]
    public Property NAME_6_SubdomainKindsThroughObjectMeta() =>
        Prop.ForAll(NameArb, s =>
        {
            var expected = !IsSubdomain(s);
            var ingress = new Ingress
            {
                Metadata = Meta(s, true),
                Spec = new IngressSpec { DefaultBackend = IngressSamples.Service("web", 80) },
            };
            var ingressClass = new IngressClass { Metadata = Meta(s, false), Spec = new IngressClassSpec { Controller = "routingcore.io/ingress" } };
            return NameRefused(IngressValidation.ValidateCreate(ingress, Options)) == expected
                && NameRefused(IngressClassValidation.ValidateCreate(ingressClass, Options)) == expected
                && NameRefused(SecretValidation.ValidateCreate(new Secret { Metadata = Meta(s, true), Type = Secret.OpaqueType }, Options)) == expected
                && NameRefused(ConfigMapValidation.ValidateCreate(new ConfigMap { Metadata = Meta(s, true) }, Options)) == expected
                && NameRefused(NodeValidation.ValidateCreate(new Node { Metadata = Meta(s, false) }, Options)) == expected;
        });

    [Property(Replay = "107,1013", MaxTest = 500)]
    public Property NAME_6_IngressBackendServiceAndPortNames() =>
        Prop.ForAll(NameArb, s =>
        {
            var byServiceName = IngressValidation.ValidateCreate(IngressSamples.WithDefaultBackend(IngressSamples.Service(s, 80)), Options);
            var byPortName = IngressValidation.ValidateCreate(IngressSamples.WithDefaultBackend(IngressSamples.ServicePortName("web", s)), Options);
            return s.Length == 0
                || ((byServiceName.Count == 0) == IsDns1035(s) && (byPortName.Count == 0) == IsIanaServiceName(s));
        });
}
