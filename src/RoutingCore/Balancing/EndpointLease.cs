namespace RoutingCore.Balancing;

/// <summary>
/// A selected endpoint that counts as in flight until <see cref="Complete"/> is called with the outcome. Complete it
/// exactly once, from the variable <see cref="EndpointSet.TrySelect"/> wrote: the lease is a mutable struct (no
/// allocation per selection) that forgets its endpoint on completion, so a second call on the same variable does
/// nothing, but a copy would still complete. It is deliberately not <see cref="IDisposable"/>: a <c>using</c> variable
/// is read-only, so completing it with an outcome would mutate a hidden copy and the disposal would count it twice.
/// </summary>
/// <example>
/// <code>
/// if (!set.TrySelect(in context, out var lease))
/// {
///     return Results.StatusCode(503);                       // ING-B4: no usable endpoint
/// }
///
/// var outcome = EndpointOutcome.Failure;
/// try
/// {
///     await ForwardAsync(lease.Endpoint.Address, lease.Endpoint.Port);
///     outcome = EndpointOutcome.Success;
/// }
/// catch (OperationCanceledException) when (clientAborted)
/// {
///     outcome = EndpointOutcome.Neutral;
/// }
/// finally
/// {
///     lease.Complete(outcome);
/// }
/// </code>
/// </example>
public struct EndpointLease
{
    private readonly EndpointDescription? _endpoint;
    private EndpointState? _state;

    internal EndpointLease(EndpointDescription endpoint, EndpointState state)
    {
        _endpoint = endpoint;
        _state = state;
    }

    /// <summary>The selected endpoint (still readable after completion).</summary>
    /// <exception cref="InvalidOperationException">The lease is the default one a failed selection returns.</exception>
    public readonly EndpointDescription Endpoint =>
        _endpoint ?? throw new InvalidOperationException("No endpoint was selected: TrySelect returned false.");

    /// <summary>Whether the lease still counts as in flight.</summary>
    public readonly bool IsActive => _state is not null;

    /// <summary>Ends the lease: the endpoint has one request fewer in flight and passive health records the outcome.</summary>
    /// <param name="outcome">Success resets the endpoint's failure count; Failure may eject it; Neutral only releases it.</param>
    public void Complete(EndpointOutcome outcome)
    {
        var state = _state;
        if (state is null)
        {
            return;
        }

        _state = null;
        state.Complete(outcome);
    }
}
