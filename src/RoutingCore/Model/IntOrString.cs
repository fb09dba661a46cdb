using System.Globalization;

namespace RoutingCore.Model;

/// <summary>
/// A value that is either an integer or a string, as Kubernetes' <c>intstr.IntOrString</c>
/// (a Service's <c>targetPort</c> is a port number or a container port name).
/// The default value is unset: neither a number nor a name.
/// </summary>
public readonly record struct IntOrString
{
    private IntOrString(int number, string? name)
    {
        Number = number;
        Name = name;
    }

    /// <summary>The integer value, when <see cref="IsNumber"/>.</summary>
    public int Number { get; }

    /// <summary>The string value, when <see cref="IsName"/>.</summary>
    public string? Name { get; }

    /// <summary>True when the value holds a string.</summary>
    public bool IsName => Name is not null;

    /// <summary>True when the value holds an integer.</summary>
    public bool IsNumber => Name is null && Number != 0;

    /// <summary>True when neither a non-zero number nor a non-empty string is held (Kubernetes treats 0 and "" as unset).</summary>
    public bool IsUnset => Name is null ? Number == 0 : Name.Length == 0;

    /// <summary>An integer value.</summary>
    public static IntOrString FromNumber(int value) => new(value, null);

    /// <summary>A string value.</summary>
    public static IntOrString FromName(string value) => new(0, value ?? throw new ArgumentNullException(nameof(value)));

    /// <summary>Converts an integer.</summary>
    public static implicit operator IntOrString(int value) => FromNumber(value);

    /// <summary>Converts a string.</summary>
    public static implicit operator IntOrString(string value) => FromName(value);

    /// <inheritdoc />
    public override string ToString() => Name ?? Number.ToString(CultureInfo.InvariantCulture);
}
