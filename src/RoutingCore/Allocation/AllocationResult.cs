using System.Diagnostics.CodeAnalysis;

namespace RoutingCore.Allocation;

/// <summary>
/// The outcome of one allocation: the allocated value, or the failure kind and its message. Expected failures
/// (taken, out of range, full) are results, never exceptions, so a store can turn them into API errors.
/// </summary>
/// <typeparam name="T">The allocated value: an <see cref="System.Net.IPAddress"/> or a port number.</typeparam>
/// <remarks>
/// The message is the upstream text the caller wraps in its own context, for example
/// <c>provided port is already allocated</c> becomes <c>spec.ports[0].nodePort: Invalid value: 30080: provided port is
/// already allocated</c>. Allocators never return <c>default</c>, which reads as a success holding <c>default(T)</c>.
/// </remarks>
public readonly record struct AllocationResult<T>
{
    internal AllocationResult(T? value, AllocationFailure failure, string message)
    {
        Value = value;
        Failure = failure;
        Message = message;
    }

    /// <summary>The allocated value; <c>default</c> when the allocation failed.</summary>
    public T? Value { get; }

    /// <summary>Why the allocation failed; <see cref="AllocationFailure.None"/> on success.</summary>
    public AllocationFailure Failure { get; }

    /// <summary>The failure's message (upstream text where upstream has one); empty on success.</summary>
    public string Message { get; }

    /// <summary>True when <see cref="Value"/> holds a newly allocated value.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    public bool IsSuccess => Failure == AllocationFailure.None;
}

/// <summary>Factories for <see cref="AllocationResult{T}"/> (non-generic so the type argument is inferred).</summary>
internal static class AllocationResult
{
    public static AllocationResult<T> Success<T>(T value) => new(value, AllocationFailure.None, "");

    public static AllocationResult<T> Failed<T>(AllocationFailure failure, string message) => new(default, failure, message);
}
