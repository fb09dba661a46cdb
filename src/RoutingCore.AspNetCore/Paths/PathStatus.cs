namespace RoutingCore.AspNetCore.Paths;

/// <summary>The result of normalising a request path (ING-P0); anything but <see cref="Ok"/> is answered 400.</summary>
internal enum PathStatus
{
    /// <summary>The path is normalised.</summary>
    Ok,

    /// <summary>A <c>%</c> not followed by two hex digits.</summary>
    InvalidEncoding,

    /// <summary>A NUL or control byte, raw or percent-encoded.</summary>
    ControlCharacter,

    /// <summary><c>%2F</c> or <c>%5C</c> while the options refuse encoded slashes.</summary>
    EncodedSlash,

    /// <summary>The request target is not a path (asterisk or authority form).</summary>
    NotAPath,
}
