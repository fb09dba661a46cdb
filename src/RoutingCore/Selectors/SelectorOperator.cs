namespace RoutingCore.Selectors;

/// <summary>The operator of a compiled <see cref="Requirement"/> (LBL-4, LBL-5).</summary>
public enum SelectorOperator
{
    /// <summary><c>k=v</c> (also written <c>k==v</c>): the key exists with value v.</summary>
    Equal,

    /// <summary><c>k!=v</c>: the key is absent or its value differs from v.</summary>
    NotEqual,

    /// <summary><c>k in (a,b)</c>: the key exists and its value is in the set.</summary>
    In,

    /// <summary><c>k notin (a,b)</c>: the key is absent or its value is not in the set.</summary>
    NotIn,

    /// <summary><c>k</c>: the key exists, with any value.</summary>
    Exists,

    /// <summary><c>!k</c>: the key is absent.</summary>
    DoesNotExist,
}
