using RoutingCore.State;

namespace RoutingCore.Routing;

/// <summary>
/// A problem lint found in the served Ingresses, with a stable code and, where one exists, a request that shows it.
/// </summary>
/// <param name="Code">The stable code, such as <c>RC1001</c> (see <see cref="LintCodes"/>).</param>
/// <param name="Object">The object the diagnostic is about.</param>
/// <param name="Message">What is wrong and what happens because of it.</param>
/// <param name="ExampleRequest">A request that shows the problem (<c>http://shop.example.com/api</c>), or null.</param>
public sealed record LintDiagnostic(string Code, ObjectKey Object, string Message, string? ExampleRequest)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{Code} {Object}: {Message}" + (ExampleRequest is null ? "" : $" (e.g. {ExampleRequest})");
}

/// <summary>The codes of <see cref="LintDiagnostic"/>; stable across releases.</summary>
public static class LintCodes
{
    /// <summary>The same host, path and pathType declared more than once: the newer declaration is ignored (ING-M3).</summary>
    public const string DuplicatePath = "RC1001";

    /// <summary>Two paths of one host match exactly the same requests (Prefix <c>/foo</c> and <c>/foo/</c>): one never wins.</summary>
    public const string EquivalentPath = "RC1002";

    /// <summary>A wildcard host's paths never serve a host that also has an exact rule (ING-H7, no fall-through).</summary>
    public const string WildcardHidden = "RC1003";

    /// <summary>A backend names a Service that does not exist (503 at request time, ING-B4).</summary>
    public const string MissingService = "RC1004";

    /// <summary>A backend names a port the Service does not have (503 at request time, ING-B4).</summary>
    public const string MissingPort = "RC1005";

    /// <summary>A tls host has no rule: the certificate is served but no route uses the host (ING-T5).</summary>
    public const string TlsHostWithoutRule = "RC1006";

    /// <summary>An Ingress is ignored because of its class (CLS-2, CLS-3).</summary>
    public const string IgnoredByClass = "RC1007";

    /// <summary>A tls entry's Secret is missing or unusable: its hosts get the default certificate (ING-T1).</summary>
    public const string BadTlsSecret = "RC1008";
}
