using System.Globalization;
using RoutingCore.Model;
using RoutingCore.Validation;

namespace RoutingCore.State;

/// <summary>Why the store refused a write, as the API's <c>metav1.StatusReason</c>.</summary>
public enum ApiErrorReason
{
    /// <summary>422: the object failed validation; <see cref="ApiException.Causes"/> lists every problem.</summary>
    Invalid,
    /// <summary>404: the object, or its namespace, does not exist.</summary>
    NotFound,
    /// <summary>409: an object with that name already exists.</summary>
    AlreadyExists,
    /// <summary>409: the write carried a stale resourceVersion.</summary>
    Conflict,
    /// <summary>403: the operation is not allowed (deleting the <c>default</c> namespace).</summary>
    Forbidden,
    /// <summary>500: the store could not complete the write (an allocation range is full).</summary>
    InternalError,
}

/// <summary>
/// A write refused by <see cref="ClusterState"/>, carrying the HTTP status, reason and message kube-apiserver would return
/// (ERR-4, ERR-5): <c>Service "web" is invalid: spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive</c>.
/// </summary>
public sealed class ApiException : Exception
{
    /// <summary>Creates an error.</summary>
    public ApiException(ApiErrorReason reason, ObjectKind kind, string @namespace, string name, string message, IReadOnlyList<FieldError>? causes = null)
        : base(message)
    {
        Reason = reason;
        Kind = kind;
        ObjectNamespace = @namespace;
        ObjectName = name;
        Causes = causes ?? [];
    }

    /// <summary>The reason.</summary>
    public ApiErrorReason Reason { get; }

    /// <summary>The HTTP status code of <see cref="Reason"/>.</summary>
    public int StatusCode => Reason switch
    {
        ApiErrorReason.Invalid => 422,
        ApiErrorReason.NotFound => 404,
        ApiErrorReason.AlreadyExists or ApiErrorReason.Conflict => 409,
        ApiErrorReason.Forbidden => 403,
        _ => 500,
    };

    /// <summary>The kind of the refused object.</summary>
    public ObjectKind Kind { get; }

    /// <summary>The namespace of the refused object (empty for cluster-scoped kinds).</summary>
    public string ObjectNamespace { get; }

    /// <summary>The name of the refused object.</summary>
    public string ObjectName { get; }

    /// <summary>For <see cref="ApiErrorReason.Invalid"/>, every field error, in validation order.</summary>
    public IReadOnlyList<FieldError> Causes { get; }

    /// <summary>
    /// ERR-4: <c>&lt;Kind&gt; "&lt;name&gt;" is invalid: &lt;list&gt;</c>, the list being the single message or
    /// <c>[m1, m2, ...]</c> with identical messages removed.
    /// </summary>
    public static ApiException Invalid(ObjectKind kind, string @namespace, string name, IReadOnlyList<FieldError> causes)
    {
        ArgumentNullException.ThrowIfNull(causes);
        var messages = causes.Select(c => c.ToString()).Distinct(StringComparer.Ordinal).ToList();
        var list = messages.Count == 1 ? messages[0] : "[" + string.Join(", ", messages) + "]";
        return new(ApiErrorReason.Invalid, kind, @namespace, name, $"{kind.QualifiedKind()} {GoQuote.Quote(name)} is invalid: {list}", causes);
    }

    /// <summary>ERR-5: <c>services "web" not found</c>.</summary>
    public static ApiException NotFound(ObjectKind kind, string @namespace, string name) =>
        new(ApiErrorReason.NotFound, kind, @namespace, name, $"{kind.Resource()} {GoQuote.Quote(name)} not found");

    /// <summary>NS-3: the namespace of a namespaced object does not exist: <c>namespaces "x" not found</c>.</summary>
    public static ApiException NamespaceNotFound(ObjectKind kind, string @namespace, string name) =>
        new(ApiErrorReason.NotFound, kind, @namespace, name, $"namespaces {GoQuote.Quote(@namespace)} not found");

    /// <summary>NS-4: <c>services "web" already exists</c>.</summary>
    public static ApiException AlreadyExists(ObjectKind kind, string @namespace, string name) =>
        new(ApiErrorReason.AlreadyExists, kind, @namespace, name, $"{kind.Resource()} {GoQuote.Quote(name)} already exists");

    /// <summary>A stale resourceVersion, with kube-apiserver's optimistic-concurrency message.</summary>
    public static ApiException Conflict(ObjectKind kind, string @namespace, string name) =>
        new(ApiErrorReason.Conflict, kind, @namespace, name,
            $"Operation cannot be fulfilled on {kind.Resource()} {GoQuote.Quote(name)}: the object has been modified; please apply your changes to the latest version and try again");

    /// <summary>ERR-5: <c>Internal error occurred: &lt;msg&gt;</c>.</summary>
    public static ApiException Internal(ObjectKind kind, string @namespace, string name, string message) =>
        new(ApiErrorReason.InternalError, kind, @namespace, name, "Internal error occurred: " + message);

    /// <summary>A forbidden operation: <c>namespaces "default" is forbidden: this namespace may not be deleted</c>.</summary>
    public static ApiException Forbidden(ObjectKind kind, string @namespace, string name, string detail) =>
        new(ApiErrorReason.Forbidden, kind, @namespace, name, $"{kind.Resource()} {GoQuote.Quote(name)} is forbidden: {detail}");

    /// <summary>The object as <c>Kind namespace/name</c> (or <c>Kind name</c> when cluster-scoped), for reports.</summary>
    public string ObjectDisplayName => ObjectNamespace.Length == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{Kind} {ObjectName}")
        : string.Create(CultureInfo.InvariantCulture, $"{Kind} {ObjectNamespace}/{ObjectName}");
}
