using System.Globalization;
using System.Text;
using System.Text.Json;

namespace RoutingCore.Validation;

/// <summary>The kinds of field error, as kube-apiserver's <c>field.ErrorType</c> (ERR-3).</summary>
public enum FieldErrorType
{
    /// <summary><c>Required value</c>: a required field is missing.</summary>
    Required,
    /// <summary><c>Invalid value</c>: the value is malformed or out of range.</summary>
    Invalid,
    /// <summary><c>Unsupported value</c>: the value is not one of a known set.</summary>
    NotSupported,
    /// <summary><c>Duplicate value</c>: the value must be unique and is not.</summary>
    Duplicate,
    /// <summary><c>Forbidden</c>: the field may not be set here.</summary>
    Forbidden,
    /// <summary><c>Too long</c>: the value is longer than allowed.</summary>
    TooLong,
    /// <summary><c>Too many</c>: a list has too many items.</summary>
    TooMany,
    /// <summary><c>Not found</c>: a referenced value does not exist.</summary>
    NotFound,
    /// <summary><c>Internal error</c>: the server failed.</summary>
    Internal,
}

/// <summary>
/// One validation problem: a field path, a type, the bad value and a detail, rendered exactly as kube-apiserver
/// renders <c>field.Error</c> (ERR-3): <c>spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive</c>.
/// </summary>
public sealed record FieldError
{
    /// <summary>Marks a bad value that is not shown (the error renders without a value).</summary>
    public static readonly object OmitValue = new();

    /// <summary>Creates an error.</summary>
    /// <param name="type">The error type.</param>
    /// <param name="path">The field path, such as <c>spec.rules[0].host</c>.</param>
    /// <param name="badValue">The offending value (a string, number, bool, null, list or <see cref="OmitValue"/>).</param>
    /// <param name="detail">The human-readable reason; may be empty.</param>
    public FieldError(FieldErrorType type, string path, object? badValue, string detail)
    {
        Type = type;
        Path = path;
        BadValue = badValue;
        Detail = detail;
    }

    /// <summary>The error type.</summary>
    public FieldErrorType Type { get; }

    /// <summary>The field path.</summary>
    public string Path { get; }

    /// <summary>The offending value.</summary>
    public object? BadValue { get; }

    /// <summary>The reason.</summary>
    public string Detail { get; }

    /// <summary><c>Required value</c> at <paramref name="path"/>.</summary>
    public static FieldError Required(FieldPath path, string detail = "") => new(FieldErrorType.Required, path.ToString(), OmitValue, detail);

    /// <summary><c>Invalid value</c> at <paramref name="path"/>.</summary>
    public static FieldError Invalid(FieldPath path, object? value, string detail) => new(FieldErrorType.Invalid, path.ToString(), value, detail);

    /// <summary><c>Unsupported value</c> at <paramref name="path"/>, listing the supported values quoted and sorted.</summary>
    public static FieldError NotSupported(FieldPath path, object? value, IEnumerable<string> supported)
    {
        var sorted = supported.Order(StringComparer.Ordinal).Select(GoQuote.Quote);
        return new(FieldErrorType.NotSupported, path.ToString(), value, "supported values: " + string.Join(", ", sorted));
    }

    /// <summary><c>Duplicate value</c> at <paramref name="path"/>.</summary>
    public static FieldError Duplicate(FieldPath path, object? value) => new(FieldErrorType.Duplicate, path.ToString(), value, "");

    /// <summary><c>Forbidden</c> at <paramref name="path"/>.</summary>
    public static FieldError Forbidden(FieldPath path, string detail) => new(FieldErrorType.Forbidden, path.ToString(), OmitValue, detail);

    /// <summary><c>Too long</c> at <paramref name="path"/>: <c>may not be more than N bytes</c>.</summary>
    public static FieldError TooLong(FieldPath path, int maxBytes) =>
        new(FieldErrorType.TooLong, path.ToString(), OmitValue, string.Create(CultureInfo.InvariantCulture, $"may not be more than {maxBytes} bytes"));

    /// <summary><c>Too many</c> at <paramref name="path"/>: <c>N: must have at most M items</c>.</summary>
    public static FieldError TooMany(FieldPath path, int actual, int max) =>
        new(FieldErrorType.TooMany, path.ToString(), actual, string.Create(CultureInfo.InvariantCulture, $"must have at most {max} items"));

    /// <summary><c>Not found</c> at <paramref name="path"/>.</summary>
    public static FieldError NotFound(FieldPath path, object? value) => new(FieldErrorType.NotFound, path.ToString(), value, "");

    /// <summary><c>Internal error</c> at <paramref name="path"/>.</summary>
    public static FieldError InternalError(FieldPath path, string detail) => new(FieldErrorType.Internal, path.ToString(), OmitValue, detail);

    /// <summary>The type's text: <c>Required value</c>, <c>Invalid value</c>, ...</summary>
    public static string TypeText(FieldErrorType type) => type switch
    {
        FieldErrorType.Required => "Required value",
        FieldErrorType.Invalid => "Invalid value",
        FieldErrorType.NotSupported => "Unsupported value",
        FieldErrorType.Duplicate => "Duplicate value",
        FieldErrorType.Forbidden => "Forbidden",
        FieldErrorType.TooLong => "Too long",
        FieldErrorType.TooMany => "Too many",
        FieldErrorType.NotFound => "Not found",
        FieldErrorType.Internal => "Internal error",
        _ => type.ToString(),
    };

    /// <summary>The message without the path: <c>Invalid value: 0: must be between 1 and 65535, inclusive</c>.</summary>
    public string Body
    {
        get
        {
            var text = new StringBuilder(TypeText(Type));
            var showsValue = Type is FieldErrorType.Invalid or FieldErrorType.NotSupported or FieldErrorType.Duplicate
                or FieldErrorType.NotFound or FieldErrorType.TooMany;
            if (showsValue && !ReferenceEquals(BadValue, OmitValue))
            {
                text.Append(": ").Append(FormatValue(BadValue));
            }

            if (Detail.Length > 0)
            {
                text.Append(": ").Append(Detail);
            }

            return text.ToString();
        }
    }

    /// <summary>The whole message: <c>path: Type: value: detail</c>.</summary>
    /// <remarks>As Go's <c>field.Error</c>, an empty path still renders its separator: <c>: Too long: ...</c>.</remarks>
    public override string ToString() => Path + ": " + Body;

    /// <summary>Formats a bad value as kube-apiserver does: strings Go-quoted, numbers and booleans bare, composites as compact JSON.</summary>
    public static string FormatValue(object? value) => value switch
    {
        null => "null",
        string s => GoQuote.Quote(s),
        bool b => b ? "true" : "false",
        int or long or short or byte or uint or ulong or ushort => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        double or float or decimal => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        _ => JsonSerializer.Serialize(value, value.GetType(), CompositeJson.Options),
    };

    private static class CompositeJson
    {
        public static readonly JsonSerializerOptions Options = new()
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        };
    }
}
