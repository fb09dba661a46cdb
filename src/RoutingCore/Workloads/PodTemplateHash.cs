using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using RoutingCore.Model;

namespace RoutingCore.Workloads;

/// <summary>
/// The <c>pod-template-hash</c> of a Deployment's pod template, computed the way upstream's <c>controller.ComputeHash</c>
/// does: FNV-32a over a canonical serialisation of the template, the 32-bit sum printed in decimal, and each decimal
/// digit mapped through the "safe encode" alphabet <c>bcdfghjklmnpqrstvwxz2456789</c> (no vowels, so no words).
/// </summary>
/// <remarks>
/// The subtle point is what "canonical" means. Upstream hashes Go's <c>%#v</c> dump of the defaulted template; we hash
/// the compact JSON of the defaulted template (properties in declaration order, maps already ordinally sorted, nulls
/// omitted). The hash is therefore stable for equal templates and changes whenever the template does, but it is not
/// byte-equal to the hash kube-controller-manager would print for the same manifest. Defaulting first (container port
/// protocol, probe defaults) makes a manifest that spells out a default hash like one that leaves it out, as upstream.
/// </remarks>
internal static class PodTemplateHash
{
    /// <summary>The label every pod of a revision carries with its template's hash.</summary>
    public const string Label = "pod-template-hash";

    private const string SafeAlphabet = "bcdfghjklmnpqrstvwxz2456789";
    private const uint FnvOffset = 2166136261;
    private const uint FnvPrime = 16777619;

    private static readonly JsonSerializerOptions Canonical = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = false,
    };

    /// <summary>The safe-encoded hash of <paramref name="template"/> (defaulted first).</summary>
    public static string Compute(PodTemplateSpec template) => Encode(Fnv32a(JsonSerializer.SerializeToUtf8Bytes(Normalize(template), Canonical)));

    /// <summary>The template as pods are created from it: with pod defaults applied.</summary>
    public static PodTemplateSpec Normalize(PodTemplateSpec template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return template with { Spec = Validation.PodDefaults.Apply(new Pod { Spec = template.Spec }).Spec };
    }

    /// <summary>FNV-1a, 32-bit.</summary>
    internal static uint Fnv32a(ReadOnlySpan<byte> data)
    {
        var hash = FnvOffset;
        foreach (var b in data)
        {
            hash ^= b;
            hash *= FnvPrime;
        }

        return hash;
    }

    /// <summary>Upstream's <c>rand.SafeEncodeString(fmt.Sprint(sum))</c>: each decimal digit's byte value modulo 27.</summary>
    internal static string Encode(uint sum)
    {
        var digits = sum.ToString(CultureInfo.InvariantCulture);
        return string.Create(digits.Length, digits, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = SafeAlphabet[source[i] % SafeAlphabet.Length];
            }
        });
    }
}
